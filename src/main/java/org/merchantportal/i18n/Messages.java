package org.merchantportal.i18n;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Formattable;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * Turns message codes with arguments into sentences of one language, writing each
 * argument as that language does: an amount ({@link Formattable}, such as {@code Money})
 * in the locale's currency format, a plain number ({@link BigDecimal}) at its scale with
 * the locale's decimal separator ("12,50"), a date with the locale's {@code format.date}
 * pattern, and a nested message in the same language.
 */
@Component
public class Messages {

	/**
	 * The merchant API's language: its {@code error_messages} are documented in English.
	 */
	public static final Locale API = Locale.ENGLISH;

	private final MessageSource source;

	Messages(MessageSource source) {
		this.source = source;
	}

	public String get(MessageSourceResolvable message, Locale locale) {
		return this.source.getMessage(localized(message, locale), locale);
	}

	/**
	 * The message as the merchant API answers it: in English, with plain spaces where a
	 * page keeps an amount together with no-break ones.
	 */
	public String api(MessageSourceResolvable message) {
		return get(message, API).replace('\u00a0', ' ').replace('\u202f', ' ');
	}

	public String get(String code, Locale locale, Object... arguments) {
		return get(new DefaultMessageSourceResolvable(new String[] { code }, arguments), locale);
	}

	/**
	 * A date as the locale writes it: 2026-12-04 in English and Swedish, 04.12.2026 in
	 * German.
	 */
	public String date(LocalDate date, Locale locale) {
		return dates(locale).format(date);
	}

	/** The locale's pattern for dates, {@code format.date} in its messages. */
	public DateTimeFormatter dates(Locale locale) {
		return DateTimeFormatter.ofPattern(this.source.getMessage("format.date", null, "yyyy-MM-dd", locale), locale);
	}

	private MessageSourceResolvable localized(MessageSourceResolvable message, Locale locale) {
		Object[] arguments = message.getArguments();
		if (arguments == null || arguments.length == 0) {
			return message;
		}
		Object[] written = new Object[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			written[i] = write(arguments[i], locale);
		}
		return new DefaultMessageSourceResolvable(message.getCodes(), written, message.getDefaultMessage());
	}

	private Object write(Object argument, Locale locale) {
		if (argument instanceof MessageSourceResolvable nested) {
			return get(nested, locale);
		}
		if (argument instanceof Formattable amount) {
			return String.format(locale, "%s", amount);
		}
		if (argument instanceof BigDecimal number) {
			NumberFormat format = NumberFormat.getNumberInstance(locale);
			format.setGroupingUsed(false);
			format.setMinimumFractionDigits(Math.max(number.scale(), 0));
			format.setMaximumFractionDigits(Math.max(number.scale(), 0));
			return format.format(number);
		}
		if (argument instanceof LocalDate date) {
			return date(date, locale);
		}
		if (argument instanceof Number || argument instanceof Enum<?>) {
			// MessageFormat would group an integer ("1,000") and cannot name an enum.
			return String.valueOf(argument);
		}
		return argument;
	}

}
