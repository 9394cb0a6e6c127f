package org.merchantportal.order;

/**
 * A search, filter or page link on the Orders page that is not one the portal makes.
 */
public class InvalidFilterException extends IllegalArgumentException {

	public InvalidFilterException(String message) {
		super(message);
	}

}
