package org.merchantportal.merchant;

/**
 * No such user in the admin's merchant: unknown or another merchant's, which look the
 * same.
 */
public class UserNotFoundException extends RuntimeException {

	public UserNotFoundException(long userId) {
		super("No user " + userId);
	}

}
