package org.merchantportal.merchant;

import org.merchantportal.i18n.LocalizedException;

/**
 * A user change the rules refuse: nothing was changed. {@link #field()} names the form
 * field at fault, or is null when the change itself is not allowed (the last active
 * admin, oneself).
 */
public class UserAdministrationException extends LocalizedException {

	private final String field;

	UserAdministrationException(String field, String code, Object... arguments) {
		super(code, arguments);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
