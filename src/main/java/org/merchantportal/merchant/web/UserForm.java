package org.merchantportal.merchant.web;

/**
 * The Users page's form for a new user.
 */
public record UserForm(String username, String password, String role) {

	static UserForm empty() {
		return new UserForm("", "", "VIEWER");
	}

}
