package org.merchantportal.order;

import org.merchantportal.i18n.English;
import java.util.Currency;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Money}: parsing what people type, formatting, arithmetic.
 */
class MoneyTests {

	private static final Currency SEK = Currency.getInstance("SEK");

	private static final Currency EUR = Currency.getInstance("EUR");

	private static final Currency JPY = Currency.getInstance("JPY");

	private static final Currency BHD = Currency.getInstance("BHD");

	// --- Parsing ---------------------------------------------------------------------

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "12.50 | 1250", "12,50 | 1250", "12 | 1200", "12.5 | 1250", "12,5 | 1250", "0 | 0", "0.01 | 1",
					"0,00 | 0", "007.05 | 705", "' 12.50 ' | 1250", "999999999999999.99 | 99999999999999999" })
	void parsesDecimalInputInSekToMinorUnits(String input, long expectedMinorUnits) {
		assertThat(Money.parse(input, SEK)).isEqualTo(Money.of(expectedMinorUnits, SEK));
	}

	@Test
	void parsesWholeYenWithoutDecimals() {
		assertThat(Money.parse("1250", JPY)).isEqualTo(Money.of(1250, JPY));
	}

	@Test
	void refusesDecimalsForYen() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("12.5", JPY))
			.satisfies(English.says("JPY amounts have no decimals"));
	}

	@Test
	void parsesThreeDecimalsForCurrencyWithThreeMinorDigits() {
		assertThat(Money.parse("1.234", BHD)).isEqualTo(Money.of(1234, BHD));
	}

	@Test
	void refusesMoreDecimalsThanTheCurrencyHas() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("12.505", SEK))
			.satisfies(English.says("SEK amounts have at most 2 decimals"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "12.505", "-1", "+1", "1e3", "1E3", "NaN", "Infinity", "", "  ", "1,00,0.00", "1  000",
			"99999999999999999999", "12.", ".5", "12..5", "12.5.0", "0x10", "abc", "12 kr", "SEK 12", "\u0661\u0662",
			"1_000" })
	void refusesWhatIsNotAPlainAmount(String input) {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse(input, SEK));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  ", "\t" })
	void asksForAnAmountWhenNothingWasEntered(String input) {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse(input, SEK))
			.satisfies(English.says("Enter an amount"));
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource(delimiter = '|',
			value = { "1,499.00|149900", "1 499,50|149950", "1\u00a0499,50|149950", "1.499,50|149950",
					"1,234,567.89|123456789", "1.234.567|123456700", "12 345|1234500" })
	void readsAmountsWrittenWithThousandsSeparators(String input, long minorUnits) {
		assertThat(Money.parse(input, SEK)).isEqualTo(Money.of(minorUnits, SEK));
	}

	@Test
	void asksWhetherALoneSeparatorBeforeThreeDigitsGroupsThousands() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("1,000", SEK))
			.satisfies(English.saysFirst("Is that a thousands separator?"));
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("1.500", SEK))
			.satisfies(English.says("SEK amounts have at most 2 decimals"));
	}

	@Test
	void refusesMalformedInputWithAnExampleOfTheCurrency() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("1e3", SEK))
			.satisfies(English.says("Enter an amount such as 12.50"));
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("1.2.3", JPY))
			.satisfies(English.says("Enter an amount such as 12"));
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("-1", JPY))
			.satisfies(English.says("Enter an amount above zero"));
	}

	@Test
	void refusesAmountThatDoesNotFitInALong() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("999999999999999999", SEK))
			.satisfies(English.says("The amount is too large"));
		assertThatExceptionOfType(InvalidAmountException.class)
			.isThrownBy(() -> Money.parse("99999999999999999999", SEK));
	}

	@Test
	void invalidAmountSaysWhyAsAMessageCode() {
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> Money.parse("-1", SEK))
			.satisfies((ex) -> assertThat(ex.getCodes()).containsExactly("amount.notPositive"));
	}

	// --- Formatting ------------------------------------------------------------------

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1250 | SEK | 12.50", "1200 | SEK | 12.00", "5 | SEK | 0.05", "0 | SEK | 0.00",
					"-5 | SEK | -0.05", "123456 | SEK | 1234.56", "1250 | JPY | 1250", "0 | JPY | 0",
					"1234 | BHD | 1.234" })
	void formatsAsPlainDecimalWithTheCurrencysDigits(long minorUnits, String currency, String expected) {
		assertThat(Money.of(minorUnits, currency).toPlainString()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12.50", "0.05", "1234.56", "0.00" })
	void plainStringParsesBackToTheSameAmount(String input) {
		Money money = Money.parse(input, SEK);
		assertThat(Money.parse(money.toPlainString(), SEK)).isEqualTo(money);
		assertThat(money.toPlainString()).isEqualTo(input);
	}

	@Test
	void toStringShowsCurrencyCodeAndPlainAmount() {
		assertThat(Money.of(1250, SEK)).hasToString("SEK 12.50");
		assertThat(Money.of(1250, JPY)).hasToString("JPY 1250");
	}

	@Test
	void formatsForPeopleWithTheCurrencysDigits() {
		assertThat(Money.of(123450, SEK).format(Locale.US)).contains("1,234.50");
		assertThat(Money.of(123450, JPY).format(Locale.US)).contains("123,450").doesNotContain(".");
	}

	// --- Arithmetic ------------------------------------------------------------------

	@Test
	void addsAndSubtractsInTheSameCurrency() {
		assertThat(Money.of(1250, SEK).plus(Money.of(750, SEK))).isEqualTo(Money.of(2000, SEK));
		assertThat(Money.of(1250, SEK).minus(Money.of(1251, SEK))).isEqualTo(Money.of(-1, SEK));
	}

	@Test
	void multipliesByAQuantity() {
		assertThat(Money.of(1250, SEK).times(3)).isEqualTo(Money.of(3750, SEK));
		assertThat(Money.of(1250, SEK).times(0)).isEqualTo(Money.of(0, SEK));
	}

	@Test
	void refusesToOverflow() {
		Money max = Money.of(Long.MAX_VALUE, SEK);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> max.plus(Money.of(1, SEK)));
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> max.times(2));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> Money.of(Long.MIN_VALUE, SEK).minus(Money.of(1, SEK)));
	}

	@Test
	void comparesInTheSameCurrency() {
		Money small = Money.of(1250, SEK);
		Money large = Money.of(1251, SEK);
		assertThat(large.isGreaterThan(small)).isTrue();
		assertThat(small.isGreaterThan(large)).isFalse();
		assertThat(small.isGreaterThan(Money.of(1250, SEK))).isFalse();
		assertThat(small.compareTo(large)).isNegative();
		assertThat(small.compareTo(Money.of(1250, "SEK"))).isZero();
	}

	@Test
	void tellsSignAndZero() {
		assertThat(Money.of(1, SEK).isPositive()).isTrue();
		assertThat(Money.of(0, SEK).isPositive()).isFalse();
		assertThat(Money.of(-1, SEK).isPositive()).isFalse();
		assertThat(Money.of(0, SEK).isZero()).isTrue();
		assertThat(Money.of(1, SEK).isZero()).isFalse();
	}

	@Test
	void equalsNeedsSameAmountAndCurrency() {
		assertThat(Money.of(1250, SEK)).isEqualTo(Money.of(1250, "SEK"));
		assertThat(Money.of(1250, SEK)).isNotEqualTo(Money.of(1250, EUR));
		assertThat(Money.of(1250, SEK)).isNotEqualTo(Money.of(1251, SEK));
	}

	@Test
	void refusesToCombineDifferentCurrencies() {
		Money sek = Money.of(1250, SEK);
		Money eur = Money.of(1250, EUR);
		assertThatIllegalArgumentException().isThrownBy(() -> sek.plus(eur)).withMessage("Cannot combine SEK with EUR");
		assertThatIllegalArgumentException().isThrownBy(() -> sek.minus(eur));
		assertThatIllegalArgumentException().isThrownBy(() -> sek.compareTo(eur));
		assertThatIllegalArgumentException().isThrownBy(() -> sek.isGreaterThan(eur));
	}

	@Test
	void requiresACurrency() {
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> Money.of(1250, (Currency) null));
	}

}
