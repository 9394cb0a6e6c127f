package org.merchantportal.merchant.web;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.i18n.Messages;
import org.merchantportal.merchant.Role;
import org.merchantportal.merchant.StaffMember;
import org.merchantportal.merchant.UserAdministration;
import org.merchantportal.merchant.UserAdministration.Admin;
import org.merchantportal.merchant.UserAdministrationException;
import org.merchantportal.merchant.UserNotFoundException;
import org.merchantportal.web.FormInput;
import org.merchantportal.web.PageModel;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Users page, for ADMINs: the merchant's users with role, status and last login, a
 * form for a new user, and per user: change role, disable or enable, unlock. Also the
 * recent logins, lockouts and user changes of the merchant.
 */
@Controller
class UserController {

	private static final int AUDIT_ROWS = 50;

	private final UserAdministration users;

	private final AuditLog audit;

	private final Clock clock;

	private final Messages messages;

	UserController(UserAdministration users, AuditLog audit, Clock clock, Messages messages) {
		this.users = users;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
	}

	@GetMapping("/users")
	String list(@AuthenticationPrincipal StaffMember user, Model model, Locale locale) {
		return page(user, UserForm.empty(), Map.of(), model, locale);
	}

	@PostMapping("/users")
	String create(@AuthenticationPrincipal StaffMember user, UserForm form, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect, Model model, Locale locale) {
		try {
			this.users.create(admin(user, request), form.username(), form.password(), parseRole(form.role()));
		}
		catch (UserAdministrationException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			// The username as typed, cut to what the field takes; never the password.
			UserForm kept = new UserForm(FormInput.shownAgain(form.username(), UserAdministration.MAX_USERNAME_LENGTH),
					"", form.role());
			return page(user, kept, Map.of((ex.field() != null) ? ex.field() : "form", this.messages.get(ex, locale)),
					model, locale);
		}
		redirect.addFlashAttribute("message", this.messages.get("users.created", locale, form.username().strip()));
		return "redirect:/users";
	}

	@PostMapping("/users/{userId}/role")
	String changeRole(@AuthenticationPrincipal StaffMember user, @PathVariable long userId,
			@RequestParam(required = false) String role, HttpServletRequest request, RedirectAttributes redirect,
			Locale locale) {
		this.users.changeRole(admin(user, request), userId, parseRole(role));
		redirect.addFlashAttribute("message", this.messages.get("users.roleChanged", locale));
		return "redirect:/users";
	}

	@PostMapping("/users/{userId}/disable")
	String disable(@AuthenticationPrincipal StaffMember user, @PathVariable long userId, HttpServletRequest request,
			RedirectAttributes redirect, Locale locale) {
		this.users.disable(admin(user, request), userId);
		redirect.addFlashAttribute("message", this.messages.get("users.disabledDone", locale));
		return "redirect:/users";
	}

	@PostMapping("/users/{userId}/enable")
	String enable(@AuthenticationPrincipal StaffMember user, @PathVariable long userId, HttpServletRequest request,
			RedirectAttributes redirect, Locale locale) {
		this.users.enable(admin(user, request), userId);
		redirect.addFlashAttribute("message", this.messages.get("users.enabledDone", locale));
		return "redirect:/users";
	}

	@PostMapping("/users/{userId}/unlock")
	String unlock(@AuthenticationPrincipal StaffMember user, @PathVariable long userId, HttpServletRequest request,
			RedirectAttributes redirect, Locale locale) {
		this.users.unlock(admin(user, request), userId);
		redirect.addFlashAttribute("message", this.messages.get("users.unlockedDone", locale));
		return "redirect:/users";
	}

	@ExceptionHandler(UserAdministrationException.class)
	String refused(UserAdministrationException ex, @AuthenticationPrincipal StaffMember user,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		PageModel.addTo(model, request);
		response
			.setStatus((ex.field() != null) ? HttpStatus.UNPROCESSABLE_CONTENT.value() : HttpStatus.CONFLICT.value());
		return page(user, UserForm.empty(),
				Map.of((ex.field() != null) ? ex.field() : "change", this.messages.get(ex, locale)), model, locale);
	}

	@ExceptionHandler(UserNotFoundException.class)
	String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
		PageModel.addTo(model, request);
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("status", 404);
		model.addAttribute("titleKey", "error.userNotFound");
		return "error/problem";
	}

	private String page(StaffMember user, UserForm form, Map<String, String> errors, Model model, Locale locale) {
		model.addAttribute("users", this.users.list(user.merchantId()));
		model.addAttribute("events",
				this.audit.recent(user.merchantId(), AUDIT_ROWS)
					.stream()
					.map((event) -> AuditRow.of(event, this.messages, locale))
					.toList());
		model.addAttribute("roles", Role.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("me", user.userId());
		model.addAttribute("now", this.clock.instant());
		return "users/list";
	}

	private static Admin admin(StaffMember user, HttpServletRequest request) {
		return new Admin(user.merchantId(), user.userId(), user.getUsername(), request.getRemoteAddr());
	}

	/**
	 * A role of the list, or null, which the administration refuses as "Choose a role".
	 */
	private static Role parseRole(String role) {
		for (Role candidate : Role.values()) {
			if (candidate.name().equals(role)) {
				return candidate;
			}
		}
		return null;
	}

}
