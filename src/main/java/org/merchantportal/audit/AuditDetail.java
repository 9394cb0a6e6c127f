package org.merchantportal.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The detail of an audit entry as it is stored: a message code, and its arguments as text
 * (a nested message as its code, a date in ISO form), so that the Users page shows the
 * entry in its reader's language.
 */
public final class AuditDetail {

	/** Between two arguments: a character no argument holds. */
	private static final String SEPARATOR = "\u001f";

	/** Before an argument that is itself a message, its code and then its arguments. */
	private static final String CODE = "\u001e";

	/** Between a nested message's code and its arguments, and between those. */
	private static final String NESTED = "\u001d";

	/** Before an argument that is a date (ISO), which each language writes its way. */
	private static final String DATE = "\u001c";

	private AuditDetail() {
	}

	/**
	 * A detail with a message code ({@code audit.detail.*}) and its arguments: text,
	 * numbers, dates, and messages (one level deep, e.g. a role or a refusal).
	 */
	public static MessageSourceResolvable of(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments);
	}

	/** A message code of the arguments, e.g. a role ({@code role.ADMIN}). */
	public static MessageSourceResolvable code(String code) {
		return new DefaultMessageSourceResolvable(code);
	}

	static String encode(Object[] arguments) {
		if (arguments == null || arguments.length == 0) {
			return null;
		}
		List<String> written = new ArrayList<>();
		for (Object argument : arguments) {
			if (argument instanceof MessageSourceResolvable nested) {
				StringBuilder text = new StringBuilder(CODE).append(clean(nested.getCodes()[0]));
				for (Object inner : (nested.getArguments() != null) ? nested.getArguments() : new Object[0]) {
					text.append(NESTED).append(plain(inner));
				}
				written.add(text.toString());
			}
			else {
				written.add(plain(argument));
			}
		}
		return String.join(SEPARATOR, written);
	}

	/** A stored argument never holds the characters that delimit them. */
	private static String plain(Object argument) {
		return (argument instanceof LocalDate date) ? DATE + date : clean(String.valueOf(argument));
	}

	private static String clean(String text) {
		return text.replaceAll("[\u001c-\u001f]", " ");
	}

	/**
	 * @param detail a message code, or the English sentence of an entry written before
	 * codes, which is then its own default message
	 */
	static MessageSourceResolvable decode(String detail, String arguments) {
		Object[] decoded = (arguments == null) ? null
				: Arrays.stream(arguments.split(SEPARATOR, -1)).map(AuditDetail::decodeOne).toArray();
		return new DefaultMessageSourceResolvable(new String[] { detail }, decoded, detail);
	}

	private static Object decodeOne(String argument) {
		if (argument.startsWith(CODE)) {
			String[] parts = argument.substring(CODE.length()).split(NESTED, -1);
			Object[] inner = Arrays.stream(parts, 1, parts.length).map(AuditDetail::decodePlain).toArray();
			// A code that no message has any more shows as itself rather than failing.
			return new DefaultMessageSourceResolvable(new String[] { parts[0] }, inner, parts[0]);
		}
		return decodePlain(argument);
	}

	private static Object decodePlain(String argument) {
		if (argument.startsWith(DATE)) {
			try {
				return LocalDate.parse(argument.substring(DATE.length()));
			}
			catch (DateTimeParseException ex) {
				return argument.substring(DATE.length());
			}
		}
		return argument;
	}

}
