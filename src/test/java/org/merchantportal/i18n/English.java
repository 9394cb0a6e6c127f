package org.merchantportal.i18n;

import java.util.Locale;
import java.util.function.Consumer;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refusal or an entry says to an English reader, from messages.properties as the
 * portal resolves it: for tests of code that says why with a message code.
 */
public final class English {

	private static final Messages MESSAGES = new Messages(source());

	private English() {
	}

	/**
	 * The portal's messages as Spring Boot configures them from application.properties.
	 */
	static Messages messages() {
		return MESSAGES;
	}

	public static String of(MessageSourceResolvable message) {
		return MESSAGES.get(message, Locale.ENGLISH);
	}

	/** Asserts that a thrown {@link LocalizedException} reads so in English. */
	public static Consumer<Throwable> says(String expected) {
		return (thrown) -> assertThat(of((MessageSourceResolvable) thrown)).isEqualTo(expected);
	}

	/**
	 * Asserts that a thrown {@link LocalizedException} reads, in English, starting so.
	 */
	public static Consumer<Throwable> saysFirst(String start) {
		return (thrown) -> assertThat(of((MessageSourceResolvable) thrown)).startsWith(start);
	}

	private static ResourceBundleMessageSource source() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
