package org.merchantportal.order;

/**
 * What a person can do to an order from its More actions menu, in menu order.
 */
public enum OrderAction {

	CAPTURE, CANCEL, REFUND, RELEASE_AUTHORIZATION, EXTEND_AUTHORIZATION

}
