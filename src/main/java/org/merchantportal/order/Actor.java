package org.merchantportal.order;

import java.time.Instant;
import java.util.Objects;

import org.merchantportal.merchant.Role;

/**
 * Who asks for an operation, in which role, when, under which idempotency key (null for
 * scheduled work) and from which client address (null where unknown). Recorded on the
 * order event the operation appends.
 */
public record Actor(String username, Role role, Instant at, String idempotencyKey, String clientAddress) {

	public Actor(String username, Role role, Instant at, String idempotencyKey) {
		this(username, role, at, idempotencyKey, null);
	}

	public static final String SYSTEM = "system";

	public Actor {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(at, "at");
	}

	/** The portal itself, e.g. the expiry job. */
	public static Actor system(Instant at) {
		return new Actor(SYSTEM, Role.ADMIN, at, null, null);
	}

}
