package org.merchantportal.order;

/**
 * The kinds of entry on an order's timeline.
 */
public enum OrderEventType {

	CREATED, CAPTURED, CANCELLED, REFUNDED, AUTHORIZATION_RELEASED, AUTHORIZATION_EXTENDED, EXPIRED

}
