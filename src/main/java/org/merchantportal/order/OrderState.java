package org.merchantportal.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.merchantportal.merchant.Role;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What the order's rules read: its status, its amounts in minor units and when its
 * authorization expires. {@link #refusal(OrderAction, LocalDate)} is the one rule of
 * DESIGN.md's lifecycle table that says whether an action is allowed now: the
 * {@link Order} aggregate asks it before every operation, and
 * {@link #availableActions(Role, Instant)} asks it for the More actions menu, whether the
 * order was loaded whole or as an {@link OrderSummary} row of the Orders page.
 */
public record OrderState(OrderStatus status, Currency currency, long ordered, long captured, long refunded,
		long released, LocalDate authorizationExpiresOn) {

	public OrderState {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(authorizationExpiresOn, "authorizationExpiresOn");
	}

	/**
	 * The operations that the order's state and the role allow at this moment: exactly
	 * what the More actions menu lists, and what the operations accept.
	 */
	public Set<OrderAction> availableActions(Role role, Instant now) {
		Set<OrderAction> actions = EnumSet.noneOf(OrderAction.class);
		if (!role.mayActOnOrders()) {
			return actions;
		}
		LocalDate today = Order.dayOf(now);
		for (OrderAction action : OrderAction.values()) {
			if (refusal(action, today) == null) {
				actions.add(action);
			}
		}
		return actions;
	}

	/**
	 * Why the order's state refuses the action on that day, as a message code
	 * ({@code refusal.*}, the status named in it where it decides), or null if it allows
	 * it.
	 */
	MessageSourceResolvable refusal(OrderAction action, LocalDate today) {
		return switch (action) {
			case CANCEL -> {
				if (this.status == OrderStatus.CANCELLED) {
					yield refusal("refusal.cancel.cancelled");
				}
				if (this.captured > 0) {
					yield refusal("refusal.cancel.captured");
				}
				yield (this.status == OrderStatus.AUTHORIZED) ? null : refusal("refusal.cancel." + this.status);
			}
			case CAPTURE -> openAuthorizationRefusal(today, "refusal.capture.");
			case REFUND -> {
				if (this.captured == 0) {
					yield refusal((this.status == OrderStatus.AUTHORIZED) ? "refusal.refund.cancelInstead"
							: "refusal.refund.nothingCaptured");
				}
				yield (refundable() > 0) ? null : refusal("refusal.refund.refunded");
			}
			case RELEASE_AUTHORIZATION ->
				(this.status == OrderStatus.PART_CAPTURED) ? null : refusal("refusal.release.notPartCaptured");
			case EXTEND_AUTHORIZATION -> openAuthorizationRefusal(today, "refusal.extend.");
		};
	}

	/**
	 * @param prefix the action's codes: {@code <prefix><STATUS>} for a closed order
	 */
	private MessageSourceResolvable openAuthorizationRefusal(LocalDate today, String prefix) {
		if (!this.status.isOpen() || remaining() == 0) {
			return refusal(prefix + this.status);
		}
		if (isAuthorizationExpiredOn(today)) {
			return refusal("refusal.authorizationExpired", this.authorizationExpiresOn);
		}
		return null;
	}

	private static MessageSourceResolvable refusal(String code, Object... arguments) {
		return new DefaultMessageSourceResolvable(new String[] { code }, arguments);
	}

	/** Order amount less what was captured and what was released, in minor units. */
	public long remaining() {
		return this.ordered - this.captured - this.released;
	}

	/** Captured less refunded, in minor units. */
	public long refundable() {
		return this.captured - this.refunded;
	}

	boolean isAuthorizationExpiredOn(LocalDate today) {
		return today.isAfter(this.authorizationExpiresOn);
	}

	/**
	 * An open authorization that runs out within {@link Order#EXPIRES_SOON_DAYS} days.
	 */
	public boolean isExpiringSoon(Instant now) {
		LocalDate today = Order.dayOf(now);
		return this.status.isOpen() && !isAuthorizationExpiredOn(today)
				&& !this.authorizationExpiresOn.isAfter(today.plusDays(Order.EXPIRES_SOON_DAYS));
	}

	/** Some of what was captured went back to the customer, but not all. */
	public boolean isPartlyRefunded() {
		return this.refunded > 0 && this.refunded < this.captured;
	}

	/** Everything captured went back to the customer. */
	public boolean isFullyRefunded() {
		return this.refunded > 0 && this.refunded == this.captured;
	}

}
