package org.merchantportal.merchant;

/**
 * What a new password must be: 12 to 128 characters (PCI DSS 8.3.6, OWASP ASVS 2.1).
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	private PasswordPolicy() {
	}

	/**
	 * @return whether the password may be used
	 */
	public static boolean accepts(String password) {
		int length = (password != null) ? password.codePointCount(0, password.length()) : 0;
		return length >= MIN_LENGTH && length <= MAX_LENGTH && !password.isBlank();
	}

}
