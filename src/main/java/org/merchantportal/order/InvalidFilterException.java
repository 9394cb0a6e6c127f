package org.merchantportal.order;

import org.merchantportal.i18n.LocalizedException;

/**
 * A search, filter or page link on the Orders page that is not one the portal makes.
 */
public class InvalidFilterException extends LocalizedException {

	InvalidFilterException(String code, Object... arguments) {
		super(code, arguments);
	}

}
