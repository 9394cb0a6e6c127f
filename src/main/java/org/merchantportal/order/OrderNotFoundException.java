package org.merchantportal.order;

import java.util.UUID;

/**
 * No such order for this merchant: unknown, or another merchant's, which must look the
 * same.
 */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(UUID orderId) {
		super("No order " + orderId);
	}

}
