package org.merchantportal.order;

import org.merchantportal.merchant.Role;

/**
 * The logged-in member of a merchant's staff on whose behalf an order is read or changed,
 * and the client address the request came from (null where unknown).
 */
public record Staff(long merchantId, String username, Role role, String clientAddress) {

	public Staff(long merchantId, String username, Role role) {
		this(merchantId, username, role, null);
	}

	Actor actingAt(java.time.Instant at, String idempotencyKey) {
		return new Actor(this.username, this.role, at, idempotencyKey, this.clientAddress);
	}

}
