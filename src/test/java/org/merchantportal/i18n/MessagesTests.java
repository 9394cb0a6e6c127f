package org.merchantportal.i18n;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.merchantportal.order.Money;

import org.springframework.context.support.DefaultMessageSourceResolvable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message code with arguments reads as each language writes it: its sentence, amounts
 * in the locale's currency format, plain numbers with its decimal separator, dates in its
 * order.
 */
class MessagesTests {

	private static final Locale SWEDISH = Locale.forLanguageTag("sv");

	private final Messages messages = English.messages();

	@Test
	void writesAmountsOneWayPerLanguage() {
		Money sek = Money.of(129_900, "SEK");
		Money eur = Money.of(129_900, "EUR");

		assertThat(sek.format(Locale.ENGLISH)).isEqualTo("SEK\u00a01,299.00");
		assertThat(eur.format(Locale.ENGLISH)).as("English names every currency by its code")
			.isEqualTo("EUR\u00a01,299.00");
		assertThat(sek.format(SWEDISH)).isEqualTo("1\u00a0299,00\u00a0kr");
		assertThat(eur.format(Locale.GERMAN)).isEqualTo("1.299,00\u00a0€");
	}

	@Test
	void resolvesARefusalWithItsAmountInTheReadersLanguage() {
		var refusal = new DefaultMessageSourceResolvable(new String[] { "amount.tooMuch.refund" },
				new Object[] { Money.of(129_900, "SEK") });

		assertThat(this.messages.get(refusal, Locale.ENGLISH))
			.isEqualTo("The most you can refund is SEK\u00a01,299.00");
		assertThat(this.messages.get(refusal, SWEDISH)).contains("1\u00a0299,00\u00a0kr")
			.doesNotContain("most you can");
		assertThat(this.messages.get(refusal, Locale.GERMAN)).contains("1.299,00\u00a0SEK");
	}

	@Test
	void writesExampleNumbersAndDatesAsTheLanguageDoes() {
		var malformed = new DefaultMessageSourceResolvable(new String[] { "amount.malformed" },
				new Object[] { new java.math.BigDecimal("12.50") });
		var expired = new DefaultMessageSourceResolvable(new String[] { "refusal.authorizationExpired" },
				new Object[] { LocalDate.of(2026, 12, 4) });

		assertThat(this.messages.get(malformed, Locale.ENGLISH)).isEqualTo("Enter an amount such as 12.50");
		assertThat(this.messages.get(malformed, Locale.GERMAN)).contains("12,50");
		assertThat(this.messages.get(expired, Locale.ENGLISH)).isEqualTo("The authorization expired on 2026-12-04");
		assertThat(this.messages.get(expired, SWEDISH)).contains("2026-12-04");
		assertThat(this.messages.get(expired, Locale.GERMAN)).contains("04.12.2026");
	}

	@Test
	void resolvesNestedCodesAndKeepsLargeNumbersUngrouped() {
		var created = new DefaultMessageSourceResolvable(new String[] { "audit.detail.userCreated" },
				new Object[] { new DefaultMessageSourceResolvable("role.ORDER_MANAGER") });
		var tooLong = new DefaultMessageSourceResolvable(new String[] { "refund.note.tooLong" }, new Object[] { 5000 });

		assertThat(this.messages.get(created, Locale.ENGLISH)).isEqualTo("Role Order manager");
		assertThat(this.messages.get(tooLong, Locale.ENGLISH)).isEqualTo("Keep the note to 5000 characters");
	}

	@Test
	void fallsBackToEnglishForALanguageThePortalLacks() {
		assertThat(this.messages.get("amount.missing", Locale.FRENCH)).isEqualTo("Enter an amount");
	}

}
