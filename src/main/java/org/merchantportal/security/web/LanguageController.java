package org.merchantportal.security.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.merchant.UserSettings;
import org.merchantportal.security.CurrentUser;
import org.merchantportal.security.PortalUserDetails;
import org.merchantportal.web.Languages;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The language switch of the page header: the user's choice is kept with the user, and
 * the page they were on is shown again in that language.
 */
@Controller
class LanguageController {

	private final UserSettings settings;

	LanguageController(UserSettings settings) {
		this.settings = settings;
	}

	@PostMapping("/account/language")
	RedirectView choose(@AuthenticationPrincipal PortalUserDetails user,
			@RequestParam(required = false) String language,
			@RequestParam(name = "return", required = false) String back, HttpServletRequest request,
			HttpServletResponse response) {
		Locale chosen = null;
		if (language != null && !language.isBlank()) {
			chosen = Languages.SUPPORTED.stream()
				.filter((supported) -> supported.getLanguage().equals(language.strip()))
				.findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		}
		this.settings.chooseLanguage(user, chosen);
		CurrentUser.chooseLanguage(chosen, request, response);
		RedirectView page = new RedirectView(pageWithin(back), true);
		// The address as it was: braces in a search are text, not URI template variables.
		page.setExpandUriTemplateVariables(false);
		return page;
	}

	/** Back to a page of the portal only: a path of its own, never another site. */
	private static String pageWithin(String back) {
		if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
				|| back.chars().anyMatch(Character::isISOControl) || back.length() > 2000) {
			return "/orders";
		}
		return back;
	}

}
