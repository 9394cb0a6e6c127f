package org.merchantportal.order;

import org.merchantportal.i18n.LocalizedException;

/**
 * An amount a person typed that is not a valid amount of the currency at all ("-1",
 * "1e3", "12.505" in SEK).
 */
public class InvalidAmountException extends LocalizedException {

	InvalidAmountException(String code, Object... arguments) {
		super(code, arguments);
	}

}
