package org.merchantportal.order;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * The first result of an action form's idempotency key, per merchant: what was asked (its
 * fingerprint) and what came of it, so that a repeat returns that result and changes
 * nothing.
 */
@Entity
@Immutable
@Table(name = "idempotency_key")
class IdempotencyRecord {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "merchant_id")
	private long merchantId;

	@Column(name = "idempotency_key")
	private String key;

	private String fingerprint;

	@Column(name = "order_id")
	private Long orderId;

	private String outcome;

	@Column(name = "created_at")
	private Instant createdAt;

	protected IdempotencyRecord() {
	}

	IdempotencyRecord(long merchantId, String key, String fingerprint, long orderId, String outcome,
			Instant createdAt) {
		this.merchantId = merchantId;
		this.key = key;
		this.fingerprint = fingerprint;
		this.orderId = orderId;
		this.outcome = outcome;
		this.createdAt = createdAt;
	}

	String fingerprint() {
		return this.fingerprint;
	}

	String outcome() {
		return this.outcome;
	}

}
