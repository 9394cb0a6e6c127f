package org.merchantportal.merchant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A member of a merchant's staff who logs in to the portal. Belongs to exactly one
 * merchant.
 */
@Entity
@Table(name = "portal_user")
public class PortalUser {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "merchant_id")
	private Long merchantId;

	private String username;

	@Column(name = "password_hash")
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Role role;

	private boolean enabled;

	@Column(name = "failed_logins")
	private int failedLogins;

	@Column(name = "locked_until")
	private Instant lockedUntil;

	@Column(name = "last_login_at")
	private Instant lastLoginAt;

	@Version
	private long version;

	protected PortalUser() {
	}

	/**
	 * @param passwordHash the password as the delegating encoder stored it, e.g.
	 * "{bcrypt}$2a$10$…"
	 */
	public PortalUser(long merchantId, String username, String passwordHash, Role role) {
		this.merchantId = merchantId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
	}

	public Long getId() {
		return this.id;
	}

	public long getMerchantId() {
		return this.merchantId;
	}

	public String getUsername() {
		return this.username;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public int getFailedLogins() {
		return this.failedLogins;
	}

	public Instant getLockedUntil() {
		return this.lockedUntil;
	}

	public Instant getLastLoginAt() {
		return this.lastLoginAt;
	}

	public boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

}
