package org.merchantportal.security;

import java.util.List;

import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks an HTTP Basic username and secret against the merchant's API credentials. The
 * client gets an ORDER_MANAGER's role, the ceiling of what a credential may do, and
 * API_CLIENT, which no person has.
 */
class ApiCredentialAuthenticationProvider implements AuthenticationProvider {

	static final String API_CLIENT = "API_CLIENT";

	private final ObjectProvider<ApiCredentials> credentials;

	/**
	 * @param credentials asked for at the first call, so that a test slice of the pages
	 * (which has no API credentials) still builds the security chains
	 */
	ApiCredentialAuthenticationProvider(ObjectProvider<ApiCredentials> credentials) {
		this.credentials = credentials;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		Object secret = authentication.getCredentials();
		ApiClient client = this.credentials.getObject()
			.authenticate(username, (secret != null) ? secret.toString() : null)
			.map(ApiClient::of)
			.orElseThrow(() -> new BadCredentialsException("Bad API credentials"));
		return UsernamePasswordAuthenticationToken.authenticated(client, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + Role.ORDER_MANAGER.name()),
						new SimpleGrantedAuthority("ROLE_" + API_CLIENT)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
