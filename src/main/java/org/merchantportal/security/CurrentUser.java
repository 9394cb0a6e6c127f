package org.merchantportal.security;

import java.time.ZoneId;
import java.util.Locale;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Changes to the logged-in user that their session must hold from the next request on,
 * without a new login.
 */
public final class CurrentUser {

	private static final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	private CurrentUser() {
	}

	/** The session's user speaks that language from now on (null: the browser's). */
	public static void chooseLanguage(Locale language, HttpServletRequest request, HttpServletResponse response) {
		change((user) -> user.withLanguage(language), request, response);
	}

	/** The session's user sees times in that zone from now on. */
	public static void chooseTimeZone(ZoneId timeZone, HttpServletRequest request, HttpServletResponse response) {
		change((user) -> user.withTimeZone(timeZone), request, response);
	}

	private static void change(UnaryOperator<PortalUserDetails> change, HttpServletRequest request,
			HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || !(current.getPrincipal() instanceof PortalUserDetails user)) {
			return;
		}
		UsernamePasswordAuthenticationToken changed = UsernamePasswordAuthenticationToken
			.authenticated(change.apply(user), null, current.getAuthorities());
		changed.setDetails(current.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(changed);
		SecurityContextHolder.setContext(context);
		sessions.saveContext(context, request, response);
	}

}
