package org.merchantportal.order;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Formattable;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * An exact amount of money: integer minor units (cents, öre) and an ISO 4217 currency, as
 * in the payment APIs this portal mirrors. Never floating point.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money>, Formattable {

	/** The longest amount {@link #parse} reads, and what an amount field takes. */
	public static final int MAX_INPUT_LENGTH = 40;

	/** Digits, then optionally a point or comma and more digits; nothing else. */
	private static final Pattern DECIMAL = Pattern.compile("(\\d{1,18})(?:[.,](\\d+))?");

	/** "1 499" or "1 499,50": spaces (also no-break ones) between groups of three. */
	private static final Pattern SPACE_GROUPED = Pattern.compile("\\d{1,3}([ \\u00a0\\u202f]\\d{3})+([.,]\\d+)?");

	/** "1,499.50" or "1,234,567": commas between groups, a point before decimals. */
	private static final Pattern COMMA_GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+\\.\\d+|\\d{1,3}(,\\d{3}){2,}");

	/** "1.499,50" or "1.234.567": points between groups, a comma before decimals. */
	private static final Pattern POINT_GROUPED = Pattern.compile("\\d{1,3}(\\.\\d{3})+,\\d+|\\d{1,3}(\\.\\d{3}){2,}");

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money of(long minorUnits, Currency currency) {
		return new Money(minorUnits, currency);
	}

	public static Money of(long minorUnits, String currencyCode) {
		return new Money(minorUnits, Currency.getInstance(currencyCode));
	}

	/**
	 * Parses what a person typed: "12.50" or "12,50" in SEK is 1250 öre, and amounts as
	 * people write them with thousands separators are read too ("1,499.00", "1 499,00",
	 * "1.499,00"). Refuses signs, exponents, more decimals than the currency has, a lone
	 * separator before three digits ("1,000": a thousand, or one?), and values that do
	 * not fit.
	 * @throws InvalidAmountException with the message code of what is wrong
	 */
	public static Money parse(String input, Currency currency) {
		if (input == null || input.isBlank()) {
			throw new InvalidAmountException("amount.missing");
		}
		String text = input.strip();
		if (text.startsWith("-")) {
			throw new InvalidAmountException("amount.notPositive");
		}
		text = withoutThousandsSeparators(text);
		var matcher = DECIMAL.matcher(text);
		if (text.length() > MAX_INPUT_LENGTH || !matcher.matches()) {
			throw new InvalidAmountException("amount.malformed", example(currency));
		}
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		String fraction = (matcher.group(2) != null) ? matcher.group(2) : "";
		if (fraction.length() == 3 && digits < 3 && text.charAt(matcher.start(2) - 1) == ',') {
			throw new InvalidAmountException("amount.thousandsSeparator", matcher.group(1) + fraction,
					example(currency));
		}
		if (fraction.length() > digits) {
			throw (digits == 0) ? new InvalidAmountException("amount.noDecimals", currency.getCurrencyCode())
					: new InvalidAmountException("amount.tooManyDecimals", currency.getCurrencyCode(), digits);
		}
		try {
			BigDecimal value = new BigDecimal(matcher.group(1) + "." + (fraction.isEmpty() ? "0" : fraction));
			return new Money(value.movePointRight(digits).longValueExact(), currency);
		}
		catch (ArithmeticException ex) {
			throw new InvalidAmountException("amount.tooLarge");
		}
	}

	/**
	 * "1,499.00", "1 499,00" and "1.499,00" as "1499.00" or "1499,00": grouping of three
	 * digits is dropped where the other separator, or a second group, shows it is one.
	 */
	private static String withoutThousandsSeparators(String text) {
		if (SPACE_GROUPED.matcher(text).matches()) {
			return text.replaceAll("[ \u00a0\u202f]", "");
		}
		if (COMMA_GROUPED.matcher(text).matches()) {
			return text.replace(",", "");
		}
		if (POINT_GROUPED.matcher(text).matches()) {
			return text.replace(".", "");
		}
		return text;
	}

	/** 12.50 of the currency, as a plain number that each locale writes its way. */
	private static BigDecimal example(Currency currency) {
		return new Money(1250L * pow10(currency.getDefaultFractionDigits()) / 100, currency).toDecimal();
	}

	private static long pow10(int digits) {
		long result = 1;
		for (int i = 0; i < digits; i++) {
			result *= 10;
		}
		return result;
	}

	public Money plus(Money other) {
		return new Money(Math.addExact(this.minorUnits, requireSameCurrency(other).minorUnits), this.currency);
	}

	public Money minus(Money other) {
		return new Money(Math.subtractExact(this.minorUnits, requireSameCurrency(other).minorUnits), this.currency);
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(this.minorUnits, factor), this.currency);
	}

	public boolean isPositive() {
		return this.minorUnits > 0;
	}

	public boolean isZero() {
		return this.minorUnits == 0;
	}

	public boolean isGreaterThan(Money other) {
		return compareTo(other) > 0;
	}

	@Override
	public int compareTo(Money other) {
		return Long.compare(this.minorUnits, requireSameCurrency(other).minorUnits);
	}

	private Money requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot combine " + this.currency + " with " + other.currency);
		}
		return other;
	}

	/**
	 * The amount as a plain decimal without currency, e.g. "12.50", as a form field shows
	 * it.
	 */
	public String toPlainString() {
		return toDecimal().toPlainString();
	}

	/** The amount as a number at the currency's scale: 12.50 for 1250 öre. */
	public BigDecimal toDecimal() {
		return BigDecimal.valueOf(this.minorUnits, Math.max(this.currency.getDefaultFractionDigits(), 0));
	}

	/**
	 * The amount as a form field shows it in the locale, without grouping: "12.50" in
	 * English, "12,50" in Swedish and German.
	 */
	public String toPlainString(Locale locale) {
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		int digits = Math.max(this.currency.getDefaultFractionDigits(), 0);
		format.setGroupingUsed(false);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		return format.format(toDecimal());
	}

	/**
	 * The amount formatted for people, one rule per language: "SEK 1,234.50" and "EUR
	 * 329.00" in English, "1 234,50 kr" in Swedish, "1.234,50 €" in German.
	 */
	public String format(Locale locale) {
		return Format.of(this.currency, locale).format(this);
	}

	/** In a message, {@code %s} writes the amount as {@link #format(Locale)} does. */
	@Override
	public void formatTo(Formatter formatter, int flags, int width, int precision) {
		formatter.format("%s", format(formatter.locale()));
	}

	/**
	 * Writes amounts of one currency for people in one locale, as
	 * {@link Money#format(Locale)} does; made once for many amounts (a page of orders),
	 * and used by one thread at a time.
	 */
	public static final class Format {

		/** Locales come from the request: only so many are kept. */
		private static final int MAX_PROTOTYPES = 256;

		private static final Map<List<Object>, NumberFormat> prototypes = new ConcurrentHashMap<>();

		private final NumberFormat numbers;

		private final Currency currency;

		private final int digits;

		private Format(NumberFormat numbers, Currency currency) {
			this.numbers = numbers;
			this.currency = currency;
			this.digits = Math.max(currency.getDefaultFractionDigits(), 0);
		}

		public static Format of(Currency currency, Locale locale) {
			List<Object> key = List.of(currency, locale);
			NumberFormat prototype = prototypes.get(key);
			if (prototype == null) {
				prototype = currencyFormat(currency, locale);
				if (prototypes.size() < MAX_PROTOTYPES) {
					prototypes.putIfAbsent(key, prototype);
				}
			}
			return new Format((NumberFormat) prototype.clone(), currency);
		}

		private static NumberFormat currencyFormat(Currency currency, Locale locale) {
			NumberFormat format = NumberFormat.getCurrencyInstance(locale);
			format.setCurrency(currency);
			if (Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) && format instanceof DecimalFormat decimal) {
				// English names every currency by its code, as the payment trade does:
				// "EUR 329.00" beside "SEK 1,499.00", not "€329.00".
				DecimalFormatSymbols symbols = decimal.getDecimalFormatSymbols();
				symbols.setCurrencySymbol(currency.getCurrencyCode());
				decimal.setDecimalFormatSymbols(symbols);
			}
			int digits = Math.max(currency.getDefaultFractionDigits(), 0);
			format.setMinimumFractionDigits(digits);
			format.setMaximumFractionDigits(digits);
			return format;
		}

		public String format(Money money) {
			if (!money.currency().equals(this.currency)) {
				throw new IllegalArgumentException("Cannot write " + money.currency() + " as " + this.currency);
			}
			String formatted = this.numbers.format(BigDecimal.valueOf(money.minorUnits(), this.digits));
			String code = this.currency.getCurrencyCode();
			if (formatted.startsWith(code) && formatted.length() > code.length()
					&& Character.isDigit(formatted.charAt(code.length()))) {
				// "SEK1,234.50" reads badly: where the locale shows the code, space it.
				return code + "\u00a0" + formatted.substring(code.length());
			}
			return formatted;
		}

	}

	@Override
	public String toString() {
		return this.currency.getCurrencyCode() + " " + toPlainString();
	}

}
