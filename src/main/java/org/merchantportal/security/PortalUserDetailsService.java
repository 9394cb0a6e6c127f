package org.merchantportal.security;

import java.time.Clock;

import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.PortalUserRepository;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks up the users table for form login. Not a bean of its own: only the authentication
 * provider of {@link SecurityConfig} uses it.
 */
class PortalUserDetailsService implements UserDetailsService {

	private final PortalUserRepository users;

	private final MerchantRepository merchants;

	private final Clock clock;

	PortalUserDetailsService(PortalUserRepository users, MerchantRepository merchants, Clock clock) {
		this.users = users;
		this.merchants = merchants;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		return this.users.findByUsername(username.strip().toLowerCase(java.util.Locale.ROOT))
			.map((user) -> new PortalUserDetails(user, user.isLockedAt(this.clock.instant()),
					this.merchants.findById(user.getMerchantId()).orElseThrow().getTimeZone()))
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

}
