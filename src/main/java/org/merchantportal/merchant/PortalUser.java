package org.merchantportal.merchant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.merchantportal.web.Languages;

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

	/** Failed logins in a row that lock the account. */
	public static final int MAX_FAILED_LOGINS = 10;

	/** How long a locked account stays locked. */
	public static final java.time.Duration LOCKOUT = java.time.Duration.ofMinutes(30);

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

	/**
	 * The language the user chose (a language tag: en, sv, de), or null for the
	 * browser's.
	 */
	private String language;

	/** The time zone the user chose, or null for the merchant's. */
	@Column(name = "time_zone")
	private String timeZone;

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

	/** The language the user chose, or null to follow the browser's. */
	public Locale getLanguage() {
		return (this.language == null) ? null : Locale.forLanguageTag(this.language);
	}

	/** The time zone the user chose, or null to follow the merchant's. */
	public ZoneId getTimeZone() {
		return (this.timeZone == null) ? null : ZoneId.of(this.timeZone);
	}

	/**
	 * @param language one of {@link Languages#SUPPORTED}, or null to follow the browser
	 */
	public void chooseLanguage(Locale language) {
		if (language != null && !Languages.SUPPORTED.contains(language)) {
			throw new IllegalArgumentException("Not a language of the portal: " + language);
		}
		this.language = (language == null) ? null : language.toLanguageTag();
	}

	/**
	 * @param timeZone a time zone, or null to follow the merchant's
	 */
	public void chooseTimeZone(ZoneId timeZone) {
		this.timeZone = (timeZone == null) ? null : timeZone.getId();
	}

	public boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	/** An enabled ADMIN. */
	public boolean isActiveAdmin() {
		return this.enabled && this.role == Role.ADMIN;
	}

	/**
	 * Counts a failed login; the {@link #MAX_FAILED_LOGINS}th in a row locks the account
	 * for {@link #LOCKOUT} (PCI DSS 8.3.4).
	 * @return whether this failure locked the account
	 */
	public boolean recordFailedLogin(Instant now) {
		this.failedLogins++;
		if (this.failedLogins >= MAX_FAILED_LOGINS && !isLockedAt(now)) {
			this.lockedUntil = now.plus(LOCKOUT);
			this.failedLogins = 0;
			return true;
		}
		return false;
	}

	public void recordSuccessfulLogin(Instant now) {
		this.failedLogins = 0;
		this.lastLoginAt = now;
	}

	public void unlock() {
		this.failedLogins = 0;
		this.lockedUntil = null;
	}

	public void changeRole(Role role) {
		this.role = role;
	}

	public void disable() {
		this.enabled = false;
	}

	public void enable() {
		this.enabled = true;
	}

}
