package org.merchantportal.order;

/**
 * Why a refund was made. {@link #OTHER} needs a note.
 */
public enum RefundReason {

	RETURNED, CANCELLED_BY_CUSTOMER, DUPLICATE, FRAUD, OTHER;

	public boolean requiresNote() {
		return this == OTHER;
	}

}
