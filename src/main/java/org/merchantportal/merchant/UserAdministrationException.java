package org.merchantportal.merchant;

/**
 * A user change the rules refuse: nothing was changed. {@link #field()} names the form
 * field at fault, or is null when the change itself is not allowed (the last active
 * admin, oneself).
 */
public class UserAdministrationException extends RuntimeException {

	private final String field;

	UserAdministrationException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
