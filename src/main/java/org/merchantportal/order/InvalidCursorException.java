package org.merchantportal.order;

/**
 * A "Show older" link of an order's timeline that is not one the portal makes.
 */
public class InvalidCursorException extends IllegalArgumentException {

	public InvalidCursorException() {
		super("Not a timeline cursor");
	}

}
