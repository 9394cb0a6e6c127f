package org.merchantportal.order;

import java.time.Instant;
import java.util.Objects;

import org.merchantportal.merchant.Role;

/**
 * Who asks for an operation, in which role, when, and under which idempotency key (null
 * for scheduled work). Recorded on the order event the operation appends.
 */
public record Actor(String username, Role role, Instant at, String idempotencyKey) {

	public static final String SYSTEM = "system";

	public Actor {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(at, "at");
	}

	/** The portal itself, e.g. the expiry job. */
	public static Actor system(Instant at) {
		return new Actor(SYSTEM, Role.ADMIN, at, null);
	}

}
