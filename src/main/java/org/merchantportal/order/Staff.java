package org.merchantportal.order;

import org.merchantportal.merchant.Role;

/**
 * The logged-in member of a merchant's staff on whose behalf an order is read or changed.
 */
public record Staff(long merchantId, String username, Role role) {

	Actor actingAt(java.time.Instant at, String idempotencyKey) {
		return new Actor(this.username, this.role, at, idempotencyKey);
	}

}
