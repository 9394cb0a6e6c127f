package org.merchantportal.i18n;

import java.util.Arrays;

import org.springframework.context.MessageSourceResolvable;

/**
 * A refusal that says why as a message code with arguments, never as a sentence: the
 * pages resolve it in the reader's language through {@code messages*.properties}, the
 * merchant API in its documented English ({@link Messages}). Arguments are what the
 * sentence needs (an amount, a date, a number); {@link Messages} writes them for the
 * reader's locale.
 */
public abstract class LocalizedException extends RuntimeException implements MessageSourceResolvable {

	private final String code;

	private final Object[] arguments;

	protected LocalizedException(String code, Object... arguments) {
		super(code + ((arguments.length == 0) ? "" : " " + Arrays.toString(arguments)));
		this.code = code;
		this.arguments = arguments.clone();
	}

	/** The message code, a key of {@code messages.properties}. */
	public String messageCode() {
		return this.code;
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.code };
	}

	@Override
	public Object[] getArguments() {
		return this.arguments.clone();
	}

}
