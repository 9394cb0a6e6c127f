package org.merchantportal.order;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What an action did, for the status message: which action on which order, the amount
 * involved (null for an extend), the expiry after an extend, and whether anything changed
 * (an extend on the same day does not). A repeat of the same idempotency key gets the
 * same outcome back. The event id is the capture's or refund's
 * ({@link OrderEvent#getPublicId()}), for the merchant API's {@code Capture-Id} and
 * {@code Refund-Id}; null for other actions. The order is the order as the action left it
 * (or as a repeat found it), for the page to show without reading it again; it is not
 * stored with the key, and null where the outcome was read back alone.
 */
public record ActionOutcome(OrderAction action, UUID orderId, Money amount, LocalDate expiresOn, boolean changed,
		UUID eventId, OrderSummary order) {

	public ActionOutcome(OrderAction action, UUID orderId, Money amount, LocalDate expiresOn, boolean changed) {
		this(action, orderId, amount, expiresOn, changed, null, null);
	}

	public ActionOutcome(OrderAction action, UUID orderId, Money amount, LocalDate expiresOn, boolean changed,
			UUID eventId) {
		this(action, orderId, amount, expiresOn, changed, eventId, null);
	}

	static ActionOutcome of(OrderAction action, Order order, Money amount) {
		return new ActionOutcome(action, order.getPublicId(), amount, order.getAuthorizationExpiresOn(), true);
	}

	ActionOutcome withEvent(UUID eventId) {
		return new ActionOutcome(this.action, this.orderId, this.amount, this.expiresOn, this.changed, eventId,
				this.order);
	}

	ActionOutcome withOrder(OrderSummary order) {
		return new ActionOutcome(this.action, this.orderId, this.amount, this.expiresOn, this.changed, this.eventId,
				order);
	}

	/** What the outcome says, without the order's customer. */
	@Override
	public String toString() {
		return "ActionOutcome[" + encode() + "]";
	}

	/** The outcome as stored with its idempotency key. */
	String encode() {
		return String.join(";", this.action.name(), this.orderId.toString(),
				(this.amount != null) ? this.amount.currency().getCurrencyCode() + ":" + this.amount.minorUnits() : "",
				(this.expiresOn != null) ? this.expiresOn.toString() : "", Boolean.toString(this.changed),
				(this.eventId != null) ? this.eventId.toString() : "");
	}

	static ActionOutcome decode(String encoded) {
		String[] parts = encoded.split(";", -1);
		Money amount = null;
		if (!parts[2].isEmpty()) {
			String[] money = parts[2].split(":");
			amount = Money.of(Long.parseLong(money[1]), money[0]);
		}
		return new ActionOutcome(OrderAction.valueOf(parts[0]), UUID.fromString(parts[1]), amount,
				parts[3].isEmpty() ? null : LocalDate.parse(parts[3]), Boolean.parseBoolean(parts[4]),
				// Outcomes stored before captures and refunds had ids have five parts.
				(parts.length > 5 && !parts[5].isEmpty()) ? UUID.fromString(parts[5]) : null);
	}

}
