package org.merchantportal.order;

/**
 * Where an order is in its lifecycle (DESIGN.md, "The order lifecycle").
 */
public enum OrderStatus {

	/** Approved, nothing captured yet. */
	AUTHORIZED,

	/** Some but not all captured; the rest is still authorized. */
	PART_CAPTURED,

	/** Fully captured. */
	CAPTURED,

	/** Cancelled before any capture; the authorization was released. */
	CANCELLED,

	/** The authorization ran out before any capture. */
	EXPIRED,

	/** Part captured, and the remaining authorization was released or expired. */
	CLOSED;

	/** Whether some of the authorization may still be captured. */
	public boolean isOpen() {
		return this == AUTHORIZED || this == PART_CAPTURED;
	}

}
