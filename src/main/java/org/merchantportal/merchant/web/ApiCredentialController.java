package org.merchantportal.merchant.web;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.Messages;
import org.merchantportal.merchant.ApiCredentialNotFoundException;
import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.StaffMember;
import org.merchantportal.merchant.UserAdministration.Admin;
import org.merchantportal.merchant.UserAdministrationException;
import org.merchantportal.web.FormInput;
import org.merchantportal.web.PageModel;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API credentials page, for ADMINs: the merchant's credentials for the merchant API
 * with when each was created and last used, a form for a new one, and revoke. A new
 * credential's password is in the answer to the form alone (never stored, never in a
 * redirect's flash attributes, which live in the session), and that answer is not cached.
 */
@Controller
class ApiCredentialController {

	private final ApiCredentials credentials;

	private final Messages messages;

	ApiCredentialController(ApiCredentials credentials, Messages messages) {
		this.credentials = credentials;
		this.messages = messages;
	}

	@GetMapping("/api-credentials")
	String list(@AuthenticationPrincipal StaffMember user, Model model) {
		return page(user, "", Map.of(), model);
	}

	@PostMapping("/api-credentials")
	String create(@AuthenticationPrincipal StaffMember user, @RequestParam(required = false) String name,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		ApiCredentials.Created created;
		try {
			created = this.credentials.create(admin(user, request), name);
		}
		catch (UserAdministrationException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(user, FormInput.shownAgain(name, ApiCredentials.MAX_NAME_LENGTH),
					Map.of("name", this.messages.get(ex, locale)), model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("created", created.credential());
		model.addAttribute("secret", created.secret());
		model.addAttribute("apiBase", request.getContextPath() + "/ordermanagement/v1");
		return page(user, "", Map.of(), model);
	}

	@PostMapping("/api-credentials/{credentialId}/revoke")
	String revoke(@AuthenticationPrincipal StaffMember user, @PathVariable UUID credentialId,
			HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
		this.credentials.revoke(admin(user, request), credentialId);
		redirect.addFlashAttribute("message", this.messages.get("credentials.revoked", locale));
		return "redirect:/api-credentials";
	}

	@ExceptionHandler({ ApiCredentialNotFoundException.class, MethodArgumentTypeMismatchException.class })
	String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
		PageModel.addTo(model, request);
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("status", 404);
		model.addAttribute("titleKey", "error.credentialNotFound");
		return "error/problem";
	}

	private String page(StaffMember user, String name, Map<String, String> errors, Model model) {
		model.addAttribute("credentials", this.credentials.list(user.merchantId()));
		model.addAttribute("name", name);
		model.addAttribute("errors", errors);
		return "api-credentials/list";
	}

	private static Admin admin(StaffMember user, HttpServletRequest request) {
		return new Admin(user.merchantId(), user.userId(), user.getUsername(), request.getRemoteAddr());
	}

}
