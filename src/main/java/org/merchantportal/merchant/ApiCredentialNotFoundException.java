package org.merchantportal.merchant;

/**
 * No credential of the merchant has this id: it does not exist, or belongs to another
 * merchant (the two are not told apart).
 */
public class ApiCredentialNotFoundException extends RuntimeException {

	public ApiCredentialNotFoundException() {
		super("No such API credential");
	}

}
