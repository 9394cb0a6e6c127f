package org.merchantportal.order;

import org.merchantportal.i18n.LocalizedException;

/**
 * An action form's idempotency key that is missing or malformed, or that was already used
 * for a different request. Nothing was changed.
 */
public class IdempotencyKeyException extends LocalizedException {

	IdempotencyKeyException(String code) {
		super(code);
	}

}
