package org.merchantportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt over the Base64 of the password's SHA-256, as passlib's bcrypt_sha256: BCrypt
 * reads at most 72 bytes, and Spring Security refuses longer input, while passwords may
 * have 128 characters (PCI DSS 8.3.6, ASVS 2.1). The digest keeps every character
 * significant and is 44 bytes whatever the password's length.
 */
final class BcryptSha256PasswordEncoder implements PasswordEncoder {

	static final String ID = "bcrypt-sha256";

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(CharSequence rawPassword) {
		return this.bcrypt.encode(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return this.bcrypt.matches(digest(rawPassword), encodedPassword);
	}

	private static String digest(CharSequence password) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(password.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
