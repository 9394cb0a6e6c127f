package org.merchantportal.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

	/** Before an argument that is itself a message code. */
	private static final String CODE = "\u001e";

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private AuditDetail() {
	}

	/** A detail with a message code ({@code audit.detail.*}) and its arguments. */
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
			// A stored argument never holds the characters that delimit them.
			written.add((argument instanceof MessageSourceResolvable nested) ? CODE + clean(nested.getCodes()[0])
					: clean(String.valueOf(argument)));
		}
		return String.join(SEPARATOR, written);
	}

	private static String clean(String text) {
		return text.replace(SEPARATOR, " ").replace(CODE, " ");
	}

	/**
	 * @param detail a message code, or the English sentence of an entry written before
	 * codes, which is then its own default message
	 */
	static MessageSourceResolvable decode(String detail, String arguments) {
		Object[] decoded = (arguments == null) ? null
				: java.util.Arrays.stream(arguments.split(SEPARATOR, -1)).map(AuditDetail::decodeOne).toArray();
		return new DefaultMessageSourceResolvable(new String[] { detail }, decoded, detail);
	}

	private static Object decodeOne(String argument) {
		if (argument.startsWith(CODE)) {
			return code(argument.substring(CODE.length()));
		}
		if (ISO_DATE.matcher(argument).matches()) {
			try {
				return LocalDate.parse(argument);
			}
			catch (java.time.format.DateTimeParseException ex) {
				return argument;
			}
		}
		return argument;
	}

}
