package org.merchantportal.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One entry of the audit log: who did what to whom, when, from where. Never updated or
 * deleted.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	/** The merchant concerned; null for a failed login of an unknown user. */
	@Column(name = "merchant_id")
	private Long merchantId;

	@Enumerated(EnumType.STRING)
	private AuditEventType type;

	private String actor;

	private String subject;

	private String detail;

	@Column(name = "client_address")
	private String clientAddress;

	@Column(name = "occurred_at")
	private Instant occurredAt;

	protected AuditEvent() {
	}

	AuditEvent(Long merchantId, AuditEventType type, String actor, String subject, String detail, String clientAddress,
			Instant occurredAt) {
		this.merchantId = merchantId;
		this.type = type;
		this.actor = actor;
		this.subject = subject;
		this.detail = detail;
		this.clientAddress = clientAddress;
		this.occurredAt = occurredAt;
	}

	public Long getMerchantId() {
		return this.merchantId;
	}

	public AuditEventType getType() {
		return this.type;
	}

	public String getActor() {
		return this.actor;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getDetail() {
		return this.detail;
	}

	public String getClientAddress() {
		return this.clientAddress;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

}
