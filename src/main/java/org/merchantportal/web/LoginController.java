package org.merchantportal.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page and the root of the site.
 */
@Controller
class LoginController {

	/** How long a session lasts without activity, for the page to say so when one did. */
	private final long sessionMinutes;

	LoginController(@Value("${server.servlet.session.timeout:30m}") Duration sessionTimeout) {
		this.sessionMinutes = sessionTimeout.toMinutes();
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("sessionMinutes", this.sessionMinutes);
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/orders";
	}

}
