package org.merchantportal.security;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

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

	/**
	 * Unchanged when fields are added, so that sessions stored before still read: their
	 * new fields are null (no language chosen, UTC).
	 */
	private static final long serialVersionUID = 1L;

	private final long userId;

	private final long merchantId;

	private final String username;

	private final Role role;

	private final boolean enabled;

	private final boolean locked;

	private String passwordHash;

	/** The language the user chose, or null to follow the browser. */
	private final Locale language;

	/** The user's time zone, or else the merchant's. */
	private final ZoneId timeZone;

	PortalUserDetails(PortalUser user, boolean locked, ZoneId merchantTimeZone) {
		this(user.getId(), user.getMerchantId(), user.getUsername(), user.getRole(), user.isEnabled(), locked,
				user.getPasswordHash(), user.getLanguage(),
				(user.getTimeZone() != null) ? user.getTimeZone() : merchantTimeZone);
	}

	private PortalUserDetails(long userId, long merchantId, String username, Role role, boolean enabled, boolean locked,
			String passwordHash, Locale language, ZoneId timeZone) {
		this.userId = userId;
		this.merchantId = merchantId;
		this.username = username;
		this.role = role;
		this.enabled = enabled;
		this.locked = locked;
		this.passwordHash = passwordHash;
		this.language = language;
		this.timeZone = timeZone;
	}

	/** The same user, with another choice of language (null: the browser's). */
	PortalUserDetails withLanguage(Locale language) {
		return new PortalUserDetails(this.userId, this.merchantId, this.username, this.role, this.enabled, this.locked,
				this.passwordHash, language, this.timeZone);
	}

	/** The same user, showing times in another zone. */
	PortalUserDetails withTimeZone(ZoneId timeZone) {
		return new PortalUserDetails(this.userId, this.merchantId, this.username, this.role, this.enabled, this.locked,
				this.passwordHash, this.language, timeZone);
	}

	/** The language the user chose, or null to follow the browser's. */
	public Locale language() {
		return this.language;
	}

	/** The time zone the user's times are shown in. */
	public ZoneId timeZone() {
		return (this.timeZone != null) ? this.timeZone : ZoneOffset.UTC;
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
