package org.merchantportal.order;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal the order's state can give, for every status, amounts and day, is a
 * message of messages.properties (and so, by MessagesPropertiesSyncTests, of every
 * language): the codes name the status, so a missing one would show as a bare code.
 */
class OrderStateRefusalMessagesTests {

	private static final Currency SEK = Currency.getInstance("SEK");

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

	@Test
	void everyRefusalOfTheStateIsAMessage() throws IOException {
		Properties english = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource("messages.properties").getInputStream(),
				StandardCharsets.UTF_8)) {
			english.load(reader);
		}
		int refusals = 0;
		long[][] amounts = { { 0, 0, 0 }, { 500, 0, 0 }, { 1000, 0, 0 }, { 1000, 1000, 0 }, { 500, 200, 500 },
				{ 0, 0, 1000 }, { 1000, 400, 0 } };
		for (OrderStatus status : OrderStatus.values()) {
			for (long[] amount : amounts) {
				for (LocalDate expiry : new LocalDate[] { TODAY.minusDays(1), TODAY.plusDays(10) }) {
					OrderState state = new OrderState(status, SEK, 1000, amount[0], amount[1], amount[2], expiry);
					for (OrderAction action : OrderAction.values()) {
						MessageSourceResolvable refusal = state.refusal(action, TODAY);
						if (refusal != null) {
							refusals++;
							assertThat(english).as("%s of an order %s with %s", action, status, amount)
								.containsKey(refusal.getCodes()[0]);
						}
					}
				}
			}
		}
		assertThat(refusals).isGreaterThan(100);
	}

}
