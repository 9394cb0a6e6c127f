package org.merchantportal.order;

/**
 * An amount a person typed that is not a valid amount of the currency at all ("-1",
 * "1e3", "12.505" in SEK).
 */
public class InvalidAmountException extends IllegalArgumentException {

	public InvalidAmountException(String message) {
		super(message);
	}

}
