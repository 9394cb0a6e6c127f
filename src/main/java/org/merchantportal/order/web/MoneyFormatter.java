package org.merchantportal.order.web;

import java.util.Locale;

import org.merchantportal.order.Money;
import org.springframework.format.Formatter;
import org.springframework.stereotype.Component;

/**
 * Shows amounts for the reader's locale and the amount's currency, so templates write
 * {@code ${{order.orderAmount}}}.
 */
@Component
class MoneyFormatter implements Formatter<Money> {

	@Override
	public String print(Money money, Locale locale) {
		return money.format(locale);
	}

	@Override
	public Money parse(String text, Locale locale) {
		throw new UnsupportedOperationException("Amounts are parsed against the order's currency with Money.parse");
	}

}
