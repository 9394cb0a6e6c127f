package org.merchantportal.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.merchantportal.merchant.Role;

/**
 * One order as the Orders page and the CSV export list it: what a row shows, and the
 * {@link OrderState} that its More actions menu asks. Read by {@link OrderSearch} as
 * plain columns, never as the aggregate with its lines and timeline.
 */
public record OrderSummary(UUID publicId, String merchantReference, String customerName, String customerEmail,
		Instant createdAt, OrderState state) {

	public OrderSummary {
		Objects.requireNonNull(publicId, "publicId");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(state, "state");
	}

	/** The order as it is now, for its row after an action changed it. */
	public static OrderSummary of(Order order) {
		return new OrderSummary(order.getPublicId(), order.getMerchantReference(), order.getCustomerName(),
				order.getCustomerEmail(), order.getCreatedAt(), order.state());
	}

	/** Exactly what {@link Order#availableActions(Role, Instant)} answers. */
	public Set<OrderAction> availableActions(Role role, Instant now) {
		return this.state.availableActions(role, now);
	}

	public OrderStatus status() {
		return this.state.status();
	}

	public Currency currency() {
		return this.state.currency();
	}

	public Money orderAmount() {
		return Money.of(this.state.ordered(), currency());
	}

	public Money captured() {
		return Money.of(this.state.captured(), currency());
	}

	public Money refunded() {
		return Money.of(this.state.refunded(), currency());
	}

	public Money remaining() {
		return Money.of(this.state.remaining(), currency());
	}

	public Money refundable() {
		return Money.of(this.state.refundable(), currency());
	}

	public LocalDate authorizationExpiresOn() {
		return this.state.authorizationExpiresOn();
	}

}
