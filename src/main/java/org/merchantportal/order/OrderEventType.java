package org.merchantportal.order;

/**
 * The kinds of entry on an order's timeline.
 */
public enum OrderEventType {

	CREATED, CAPTURED, CANCELLED, REFUNDED, AUTHORIZATION_RELEASED, AUTHORIZATION_EXTENDED, EXPIRED,

	/** The merchant changed its references of the order (over the merchant API). */
	MERCHANT_REFERENCES_UPDATED

}
