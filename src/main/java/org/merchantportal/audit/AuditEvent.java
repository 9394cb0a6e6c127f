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

import org.springframework.context.MessageSourceResolvable;

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

	/** A message code; or, in entries written before codes, an English sentence. */
	private String detail;

	@Column(name = "detail_arguments")
	private String detailArguments;

	@Column(name = "client_address")
	private String clientAddress;

	@Column(name = "occurred_at")
	private Instant occurredAt;

	protected AuditEvent() {
	}

	AuditEvent(Long merchantId, AuditEventType type, String actor, String subject, String detail,
			String detailArguments, String clientAddress, Instant occurredAt) {
		this.merchantId = merchantId;
		this.type = type;
		this.actor = actor;
		this.subject = subject;
		this.detail = detail;
		this.detailArguments = detailArguments;
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

	/**
	 * What happened in more detail, to resolve in the reader's language, or null. An
	 * entry written before message codes shows its English text.
	 */
	public MessageSourceResolvable getDetail() {
		return (this.detail == null) ? null : AuditDetail.decode(this.detail, this.detailArguments);
	}

	public String getClientAddress() {
		return this.clientAddress;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

}
