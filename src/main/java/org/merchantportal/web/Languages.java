package org.merchantportal.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The languages the portal speaks, and which of them a browser asks for.
 */
public final class Languages {

	/** English (the default, and the merchant API's), Swedish and German. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("sv"), Locale.GERMAN);

	private Languages() {
	}

	/**
	 * The first of the browser's {@code Accept-Language} choices that the portal speaks,
	 * by language alone ("sv-SE" is Swedish), or English.
	 */
	public static Locale of(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			var locales = request.getLocales();
			while (locales.hasMoreElements()) {
				Locale supported = supported(locales.nextElement());
				if (supported != null) {
					return supported;
				}
			}
		}
		return Locale.ENGLISH;
	}

	/** The portal's language of that locale, or null if it speaks none of it. */
	public static Locale supported(Locale locale) {
		for (Locale language : SUPPORTED) {
			if (language.getLanguage().equals(locale.getLanguage())) {
				return language;
			}
		}
		return null;
	}

}
