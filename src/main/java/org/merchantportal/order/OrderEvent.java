package org.merchantportal.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One entry of an order's timeline and audit log: what happened, how much, why, who did
 * it, when, under which idempotency key. Appended by {@link Order}, never updated or
 * deleted.
 */
@Entity
@Immutable
@Table(name = "order_event")
public class OrderEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private Order order;

	@Enumerated(EnumType.STRING)
	private OrderEventType type;

	/** Minor units of the order's currency; null where no amount applies. */
	private Long amount;

	@Enumerated(EnumType.STRING)
	private RefundReason reason;

	private String note;

	/** What else there is to say: the lines involved, the new expiry date. */
	private String detail;

	@Column(name = "actor")
	private String actor;

	@Column(name = "occurred_at")
	private Instant occurredAt;

	@Column(name = "idempotency_key")
	private String idempotencyKey;

	@Column(name = "client_address")
	private String clientAddress;

	protected OrderEvent() {
	}

	OrderEvent(Order order, OrderEventType type, Money amount, RefundReason reason, String note, String detail,
			Actor actor) {
		this.order = order;
		this.type = type;
		this.amount = (amount != null) ? amount.minorUnits() : null;
		this.reason = reason;
		this.note = note;
		this.detail = detail;
		this.actor = actor.username();
		this.occurredAt = actor.at();
		this.idempotencyKey = actor.idempotencyKey();
		this.clientAddress = actor.clientAddress();
	}

	/** The database key: orders events of the same time, in the timeline's cursors. */
	Long getId() {
		return this.id;
	}

	/**
	 * The id of a capture or refund in the merchant API ({@code capture_id},
	 * {@code refund_id}): derived from the order and this event, so it is stable and
	 * unique without a column of its own; null for other events.
	 */
	public UUID getPublicId() {
		if (this.type != OrderEventType.CAPTURED && this.type != OrderEventType.REFUNDED) {
			return null;
		}
		return UUID.nameUUIDFromBytes(
				(this.order.getPublicId() + ":" + this.type + ":" + this.id).getBytes(StandardCharsets.UTF_8));
	}

	public OrderEventType getType() {
		return this.type;
	}

	/** The amount involved, or {@code null}. */
	public Money getAmount() {
		return (this.amount != null) ? Money.of(this.amount, this.order.getCurrency()) : null;
	}

	public RefundReason getReason() {
		return this.reason;
	}

	public String getNote() {
		return this.note;
	}

	public String getDetail() {
		return this.detail;
	}

	/** Whether the portal did this by itself ({@link Actor#system}), not a person. */
	public boolean isBySystem() {
		return Actor.SYSTEM.equals(this.actor);
	}

	public String getActor() {
		return this.actor;
	}

	public Instant getOccurredAt() {
		return this.occurredAt;
	}

	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	/** Where the request came from, or {@code null} for the portal's own work. */
	public String getClientAddress() {
		return this.clientAddress;
	}

}
