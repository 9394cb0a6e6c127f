package org.merchantportal.order;

/**
 * An action form's idempotency key that is missing or malformed, or that was already used
 * for a different request. Nothing was changed.
 */
public class IdempotencyKeyException extends RuntimeException {

	IdempotencyKeyException(String message) {
		super(message);
	}

}
