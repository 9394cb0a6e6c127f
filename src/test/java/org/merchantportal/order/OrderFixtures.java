package org.merchantportal.order;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "An order in status X", made one way for every test: a new order brought into the
 * status by the aggregate's own operations, so that it holds the amounts, quantities and
 * events that status implies.
 */
public final class OrderFixtures {

	private OrderFixtures() {
	}

	/**
	 * Brings a new, authorized order into the status. A part capture takes one unit of
	 * its first line; a closed order is part captured and then releases the rest; an
	 * expired one expires on the day after its authorization ran out.
	 * @param actor who captures, cancels or releases
	 * @return the order, now in the status
	 */
	public static Order bringTo(Order order, OrderStatus status, Actor actor) {
		assertThat(order.getStatus()).as("a new order").isEqualTo(OrderStatus.AUTHORIZED);
		String first = order.getLines().get(0).getReference();
		switch (status) {
			case AUTHORIZED -> {
			}
			case PART_CAPTURED -> order.captureLines(List.of(new LineQuantity(first, 1)), actor);
			case CAPTURED -> order.capture(order.getRemaining(), actor);
			case CANCELLED -> order.cancel(actor);
			case EXPIRED -> order.expire(afterExpiry(order));
			case CLOSED -> {
				order.captureLines(List.of(new LineQuantity(first, 1)), actor);
				order.releaseRemainingAuthorization(actor);
			}
		}
		assertThat(order.getStatus()).isEqualTo(status);
		return order;
	}

	/** An instant on the day after the order's authorization ran out. */
	public static Instant afterExpiry(Order order) {
		return order.getAuthorizationExpiresOn().plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC);
	}

}
