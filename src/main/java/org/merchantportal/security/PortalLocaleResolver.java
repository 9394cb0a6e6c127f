package org.merchantportal.security;

import java.time.ZoneOffset;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.web.Languages;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleContextResolver;

/**
 * Each request's language and time zone: the logged-in user's choice of language, else
 * the first of the browser's {@code Accept-Language} that the portal speaks, else
 * English; and the user's time zone (their own, else their merchant's), or UTC before
 * login. Read from the user as the session holds them, so that no request pays a query
 * for them. The user changes their language with {@link LanguageController}.
 */
@Component("localeResolver")
class PortalLocaleResolver implements LocaleContextResolver {

	@Override
	public LocaleContext resolveLocaleContext(HttpServletRequest request) {
		PortalUserDetails user = currentUser();
		Locale language = (user != null && user.language() != null) ? user.language() : Languages.of(request);
		TimeZone zone = TimeZone.getTimeZone((user != null) ? user.timeZone() : ZoneOffset.UTC);
		return new SimpleTimeZoneAwareLocaleContext(language, zone);
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return resolveLocaleContext(request).getLocale();
	}

	@Override
	public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
			LocaleContext localeContext) {
		throw new UnsupportedOperationException("A user's language is kept with the user: see LanguageController");
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		setLocaleContext(request, response, null);
	}

	private static PortalUserDetails currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof PortalUserDetails user) ? user
				: null;
	}

}
