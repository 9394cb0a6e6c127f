package org.merchantportal.security;

import java.util.Collection;
import java.util.List;

import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.merchant.StaffMember;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as the rest of the portal sees it: who, for which merchant, in which
 * role. Serializable, so that a session can live in a shared store.
 */
public final class PortalUserDetails implements UserDetails, CredentialsContainer, StaffMember {

	private static final long serialVersionUID = 1L;

	private final long userId;

	private final long merchantId;

	private final String username;

	private final Role role;

	private final boolean enabled;

	private final boolean locked;

	private String passwordHash;

	PortalUserDetails(PortalUser user, boolean locked) {
		this.userId = user.getId();
		this.merchantId = user.getMerchantId();
		this.username = user.getUsername();
		this.role = user.getRole();
		this.enabled = user.isEnabled();
		this.locked = locked;
		this.passwordHash = user.getPasswordHash();
	}

	@Override
	public long userId() {
		return this.userId;
	}

	@Override
	public long merchantId() {
		return this.merchantId;
	}

	@Override
	public Role role() {
		return this.role;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.role.name()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !this.locked;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	/**
	 * One user is one principal, however often they log in (for the session registry).
	 */
	@Override
	public boolean equals(Object other) {
		return other instanceof PortalUserDetails user && this.username.equals(user.username);
	}

	@Override
	public int hashCode() {
		return this.username.hashCode();
	}

}
