package org.merchantportal.merchant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A credential with which one merchant's own systems call the merchant API: a username
 * and a secret, as Klarna's API credentials are. Only a keyed hash of the secret is kept;
 * a revoked credential stays listed, and authenticates nothing.
 */
@Entity
@Table(name = "api_credential")
public class ApiCredential {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "public_id")
	@JdbcTypeCode(SqlTypes.VARCHAR)
	private UUID publicId;

	@Column(name = "merchant_id")
	private long merchantId;

	private String name;

	private String username;

	@Column(name = "secret_hash")
	private String secretHash;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	@Column(name = "revoked_by")
	private String revokedBy;

	protected ApiCredential() {
	}

	ApiCredential(long merchantId, String name, String username, String secretHash, Instant createdAt,
			String createdBy) {
		this.publicId = UUID.randomUUID();
		this.merchantId = merchantId;
		this.name = name;
		this.username = username;
		this.secretHash = secretHash;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	void revoke(Instant at, String by) {
		this.revokedAt = at;
		this.revokedBy = by;
	}

	Long getId() {
		return this.id;
	}

	/** The id in the page's links: never the database key. */
	public UUID getPublicId() {
		return this.publicId;
	}

	public long getMerchantId() {
		return this.merchantId;
	}

	public String getName() {
		return this.name;
	}

	public String getUsername() {
		return this.username;
	}

	String getSecretHash() {
		return this.secretHash;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	/** When it last authenticated a call (to the minute), or null if never. */
	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

	public String getRevokedBy() {
		return this.revokedBy;
	}

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

}
