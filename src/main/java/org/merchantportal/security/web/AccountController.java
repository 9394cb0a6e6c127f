package org.merchantportal.security.web;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.Messages;
import org.merchantportal.merchant.UserSettings;
import org.merchantportal.security.CurrentUser;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own settings: the time zone their times are shown in, their own or their
 * merchant's. (The language is switched in the header: {@link LanguageController}.)
 */
@Controller
class AccountController {

	/** The zones offered: UTC and every zone named after a place ("Europe/Stockholm"). */
	static final List<String> TIME_ZONES = Stream.concat(Stream.of(ZoneOffset.UTC.getId()),
			ZoneId.getAvailableZoneIds()
				.stream()
				.filter(Pattern
					.compile("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+")
					.asMatchPredicate())
				.sorted())
		.toList();

	private final UserSettings settings;

	private final Messages messages;

	AccountController(UserSettings settings, Messages messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping("/account")
	String settings(@AuthenticationPrincipal PortalUserDetails user, Model model) {
		return page(user, model);
	}

	@PostMapping("/account/time-zone")
	String chooseTimeZone(@AuthenticationPrincipal PortalUserDetails user,
			@RequestParam(name = "timeZone", required = false) String timeZone, HttpServletRequest request,
			HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
		ZoneId chosen = null;
		if (timeZone != null && !timeZone.isBlank()) {
			if (!TIME_ZONES.contains(timeZone.strip())) {
				response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
				model.addAttribute("error", "account.timeZone.unknown");
				return page(user, model);
			}
			chosen = ZoneId.of(timeZone.strip());
		}
		ZoneId shown = this.settings.chooseTimeZone(user, chosen);
		CurrentUser.chooseTimeZone(shown, request, response);
		redirect.addFlashAttribute("message", this.messages.get("account.timeZone.saved", locale, shown.getId()));
		return "redirect:/account";
	}

	private String page(PortalUserDetails user, Model model) {
		ZoneId merchantZone = this.settings.merchantTimeZone(user);
		model.addAttribute("timeZones", TIME_ZONES);
		model.addAttribute("merchantTimeZone", merchantZone.getId());
		model.addAttribute("ownTimeZone", user.timeZone().equals(merchantZone) ? "" : user.timeZone().getId());
		return "account/settings";
	}

}
