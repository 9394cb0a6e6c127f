package org.merchantportal.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SecondaryRow;
import org.hibernate.type.SqlTypes;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.OrderActionRefusedException.Code;

import org.springframework.context.MessageSourceResolvable;

/**
 * The order aggregate: amounts, status, lines and timeline of one purchase, and every
 * rule of DESIGN.md's lifecycle table. Each operation checks its precondition, changes
 * state and appends an {@link OrderEvent}; which actions the order's state allows is
 * {@link OrderState}'s one rule, which the operations and
 * {@link #availableActions(Role, Instant)} both ask, so the More actions menu and the
 * guards cannot disagree.
 * <p>
 * Its amounts live in a row of their own ({@code order_balance}), so that a capture or
 * refund that leaves the status as it is updates a row without secondary indexes rather
 * than the order's row with its ten (see V9). Every change locks the order's row first
 * ({@link OrderRepository#findForUpdate}), which orders concurrent changes.
 */
@Entity
@Table(name = "purchase_order")
@SecondaryTable(name = Order.BALANCE, pkJoinColumns = @PrimaryKeyJoinColumn(name = "order_id"))
@SecondaryRow(table = Order.BALANCE, optional = false)
public class Order {

	static final String BALANCE = "order_balance";

	/** How long a new or extended authorization runs. */
	public static final int AUTHORIZATION_DAYS = 28;

	/** No authorization runs longer than this after the order was placed. */
	public static final int MAX_AUTHORIZATION_DAYS = 180;

	/** Orders expiring within this many days are flagged "Expires soon". */
	public static final int EXPIRES_SOON_DAYS = 3;

	public static final int MAX_NOTE_LENGTH = 500;

	/** What an event's detail holds (the lines of a capture or refund, say). */
	static final int MAX_DETAIL_LENGTH = 1000;

	/** Expiry dates are calendar days in UTC. */
	static final ZoneOffset ZONE = ZoneOffset.UTC;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "public_id")
	@JdbcTypeCode(SqlTypes.VARCHAR)
	private UUID publicId;

	/** The public id as text, for prefix search; written through {@link #publicId}. */
	@Column(name = "public_id", insertable = false, updatable = false)
	private String publicIdText;

	@Column(name = "merchant_id")
	private Long merchantId;

	@Column(name = "merchant_reference")
	private String merchantReference;

	/** Klarna's second merchant reference, or null. */
	@Column(name = "merchant_reference2")
	private String merchantReference2;

	@Column(name = "customer_name")
	private String customerName;

	@Column(name = "customer_email")
	private String customerEmail;

	private Currency currency;

	@Column(name = "order_amount", table = BALANCE)
	private long orderAmount;

	@Column(name = "captured_amount", table = BALANCE)
	private long capturedAmount;

	@Column(name = "refunded_amount", table = BALANCE)
	private long refundedAmount;

	@Column(name = "released_amount", table = BALANCE)
	private long releasedAmount;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "authorization_expires_on")
	private LocalDate authorizationExpiresOn;

	/** Lower-case copies for case-insensitive, index-backed prefix search. */
	@Column(name = "search_reference")
	private String searchReference;

	@Column(name = "search_name")
	private String searchName;

	@Column(name = "search_email")
	private String searchEmail;

	/** The last word of the customer's name: search by surname. */
	@Column(name = "search_surname")
	private String searchSurname;

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
	@OrderBy("lineNumber")
	private List<OrderLine> lines = new ArrayList<>();

	/** The event the last operation in this transaction recorded (see lastEvent). */
	@Transient
	private OrderEvent lastRecorded;

	@OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
	@OrderBy("occurredAt, id")
	private List<OrderEvent> events = new ArrayList<>();

	/** Written with the order and never read through it: the search reads them. */
	@ElementCollection
	@CollectionTable(name = "order_search_key", joinColumns = @JoinColumn(name = "order_id"))
	private Set<SearchKey> searchKeys = new HashSet<>();

	protected Order() {
	}

	/**
	 * An order as the shop placed it: authorized for the sum of its lines, for
	 * {@link #AUTHORIZATION_DAYS} days.
	 */
	public Order(long merchantId, String merchantReference, String customerName, String customerEmail,
			Currency currency, List<OrderLine.NewLine> lines, Instant createdAt) {
		this(merchantId, merchantReference, customerName, customerEmail, currency, lines, Actor.system(createdAt));
	}

	/**
	 * A new authorized order, placed by the actor (the checkout, or the merchant API's
	 * client) at the actor's time.
	 */
	public Order(long merchantId, String merchantReference, String customerName, String customerEmail,
			Currency currency, List<OrderLine.NewLine> lines, Actor placedBy) {
		Instant createdAt = placedBy.at();
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		this.publicId = UUID.randomUUID();
		this.merchantId = merchantId;
		this.merchantReference = Objects.requireNonNull(merchantReference);
		this.customerName = Objects.requireNonNull(customerName);
		this.customerEmail = Objects.requireNonNull(customerEmail);
		this.searchReference = merchantReference.toLowerCase(Locale.ROOT);
		this.searchName = customerName.toLowerCase(Locale.ROOT);
		this.searchSurname = this.searchName.replaceFirst("^.*\\s", "");
		this.searchEmail = customerEmail.toLowerCase(Locale.ROOT);
		this.currency = Objects.requireNonNull(currency);
		this.createdAt = Objects.requireNonNull(createdAt);
		this.searchKeys
			.addAll(SearchKey.of(merchantId, createdAt, this.publicId.toString(), List.of(this.searchReference,
					this.publicId.toString(), this.searchEmail, this.searchName, this.searchSurname)));
		this.authorizationExpiresOn = dayOf(createdAt).plusDays(AUTHORIZATION_DAYS);
		this.status = OrderStatus.AUTHORIZED;
		for (OrderLine.NewLine line : lines) {
			this.lines.add(new OrderLine(this, this.lines.size() + 1, line));
			this.orderAmount = Math.addExact(this.orderAmount, line.total());
		}
		record(OrderEventType.CREATED, getOrderAmount(), null, null, null, placedBy);
	}

	// --- What may be done now -----------------------------------------------------

	/**
	 * The operations that the order's state and the role allow at this moment: exactly
	 * what the More actions menu lists, and what the operations below accept.
	 */
	public Set<OrderAction> availableActions(Role role, Instant now) {
		return state().availableActions(role, now);
	}

	/**
	 * What the rules read, as they are now: {@link OrderState#refusal} is asked before
	 * every operation below and for the More actions menu.
	 */
	OrderState state() {
		return new OrderState(this.status, this.currency, this.orderAmount, this.capturedAmount, this.refundedAmount,
				this.releasedAmount, this.authorizationExpiresOn);
	}

	private void require(OrderAction action, Actor actor) {
		if (!actor.role().mayActOnOrders()) {
			throw OrderActionRefusedException.ofState(codeOf(action), "action.notPermitted");
		}
		MessageSourceResolvable refusal = state().refusal(action, dayOf(actor.at()));
		if (refusal != null) {
			throw OrderActionRefusedException.ofState(codeOf(action), refusal.getCodes()[0], refusal.getArguments());
		}
	}

	private static Code codeOf(OrderAction action) {
		return switch (action) {
			case CANCEL -> Code.CANCEL_NOT_ALLOWED;
			case CAPTURE -> Code.CAPTURE_NOT_ALLOWED;
			case REFUND -> Code.REFUND_NOT_ALLOWED;
			case RELEASE_AUTHORIZATION, EXTEND_AUTHORIZATION -> Code.NOT_ALLOWED;
		};
	}

	// --- Operations -------------------------------------------------------------

	/** Cancels an uncaptured order: its whole authorization is released. */
	public void cancel(Actor actor) {
		require(OrderAction.CANCEL, actor);
		Money released = getRemaining();
		this.releasedAmount += released.minorUnits();
		this.status = OrderStatus.CANCELLED;
		record(OrderEventType.CANCELLED, released, null, null, null, actor);
	}

	/** Captures an amount of the remaining authorization. */
	public void capture(Money amount, Actor actor) {
		capture(amount, null, actor);
	}

	/**
	 * Captures an amount of the remaining authorization, with the merchant's description
	 * of the capture (the merchant API's {@code description}; null for none).
	 */
	public void capture(Money amount, String description, Actor actor) {
		require(OrderAction.CAPTURE, actor);
		checkAmount(amount, getRemaining(), Code.CAPTURE_NOT_ALLOWED, "capture");
		applyCapture(amount, description(description), null, actor);
	}

	/** Captures quantities of lines; the amount is their sum. */
	public void captureLines(List<LineQuantity> quantities, Actor actor) {
		captureLines(quantities, null, actor);
	}

	/** Captures quantities of lines, with the merchant's description (null for none). */
	public void captureLines(List<LineQuantity> quantities, String description, Actor actor) {
		require(OrderAction.CAPTURE, actor);
		Map<OrderLine, Integer> chosen = resolve(quantities, OrderLine::getCapturableQuantity, "capture",
				Code.CAPTURE_NOT_ALLOWED);
		Money amount = sum(chosen);
		checkAmount(amount, getRemaining(), Code.CAPTURE_NOT_ALLOWED, "capture", "lines");
		chosen.forEach(OrderLine::capture);
		applyCapture(amount, description(description), describe(chosen), actor);
	}

	/** A capture's description as recorded: stripped, cut to a note's length, or null. */
	private static String description(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String stripped = description.strip();
		return (stripped.length() <= MAX_NOTE_LENGTH) ? stripped : stripped.substring(0, MAX_NOTE_LENGTH);
	}

	/** The longest merchant reference. */
	public static final int MAX_REFERENCE_LENGTH = 64;

	/**
	 * Changes the merchant's references of the order, in any state: the first is
	 * required, the second may be cleared. The search finds the order by its new first
	 * reference from now on. Records an event only where something changed.
	 * @return whether anything changed
	 */
	public boolean updateMerchantReferences(String reference1, String reference2, Actor actor) {
		if (actor.role() == Role.VIEWER) {
			throw OrderActionRefusedException.ofState(Code.NOT_ALLOWED, "action.notPermitted");
		}
		String first = reference(reference1, "merchant_reference1");
		String second = (reference2 == null || reference2.isBlank()) ? null
				: reference(reference2, "merchant_reference2");
		if (first == null) {
			throw OrderActionRefusedException.ofInput(Code.NOT_ALLOWED, "merchant_reference1",
					"refusal.reference.missing");
		}
		if (first.equals(this.merchantReference) && Objects.equals(second, this.merchantReference2)) {
			return false;
		}
		String before = this.merchantReference
				+ ((this.merchantReference2 != null) ? ", " + this.merchantReference2 : "");
		this.merchantReference = first;
		this.merchantReference2 = second;
		this.searchReference = first.toLowerCase(Locale.ROOT);
		this.searchKeys.clear();
		this.searchKeys.addAll(
				SearchKey.of(this.merchantId, this.createdAt, this.publicId.toString(), List.of(this.searchReference,
						this.publicId.toString(), this.searchEmail, this.searchName, this.searchSurname)));
		String after = first + ((second != null) ? ", " + second : "");
		record(OrderEventType.MERCHANT_REFERENCES_UPDATED, null, null, null, before + " → " + after, actor);
		return true;
	}

	private static String reference(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.toLowerCase(Locale.ROOT).length() > MAX_REFERENCE_LENGTH
				|| stripped.chars().anyMatch(Character::isISOControl)) {
			throw OrderActionRefusedException.ofInput(Code.NOT_ALLOWED, field, "refusal.reference.invalid",
					MAX_REFERENCE_LENGTH);
		}
		return stripped;
	}

	/**
	 * The event the last operation recorded, or null: kept aside, because reading it from
	 * the timeline would load the whole timeline.
	 */
	OrderEvent lastEvent() {
		return this.lastRecorded;
	}

	private void applyCapture(Money amount, String description, String detail, Actor actor) {
		this.capturedAmount += amount.minorUnits();
		if (getRemaining().isZero()) {
			// Everything is taken, however it was split: every line counts as captured.
			this.lines.forEach(OrderLine::captureAll);
			this.status = OrderStatus.CAPTURED;
		}
		else {
			this.status = OrderStatus.PART_CAPTURED;
		}
		record(OrderEventType.CAPTURED, amount, null, description, detail, actor);
	}

	/** Refunds an amount of what was captured. The status does not change. */
	public void refund(Money amount, RefundReason reason, String note, Actor actor) {
		require(OrderAction.REFUND, actor);
		String cleanNote = checkReason(reason, note);
		checkAmount(amount, getRefundable(), Code.REFUND_NOT_ALLOWED, "refund");
		applyRefund(amount, reason, cleanNote, null, actor);
	}

	/** Refunds quantities of captured lines; the amount is their sum. */
	public void refundLines(List<LineQuantity> quantities, RefundReason reason, String note, Actor actor) {
		require(OrderAction.REFUND, actor);
		String cleanNote = checkReason(reason, note);
		Map<OrderLine, Integer> chosen = resolve(quantities, OrderLine::getRefundableQuantity, "refund",
				Code.REFUND_NOT_ALLOWED);
		Money amount = sum(chosen);
		checkAmount(amount, getRefundable(), Code.REFUND_NOT_ALLOWED, "refund", "lines");
		chosen.forEach(OrderLine::refund);
		applyRefund(amount, reason, cleanNote, describe(chosen), actor);
	}

	private void applyRefund(Money amount, RefundReason reason, String note, String detail, Actor actor) {
		this.refundedAmount += amount.minorUnits();
		record(OrderEventType.REFUNDED, amount, reason, note, detail, actor);
	}

	/** Releases what is still authorized of a part-captured order, which closes it. */
	public void releaseRemainingAuthorization(Actor actor) {
		require(OrderAction.RELEASE_AUTHORIZATION, actor);
		Money released = getRemaining();
		this.releasedAmount += released.minorUnits();
		this.status = OrderStatus.CLOSED;
		record(OrderEventType.AUTHORIZATION_RELEASED, released, null, null, null, actor);
	}

	/**
	 * Extends the authorization to {@link #AUTHORIZATION_DAYS} days from today, never
	 * past {@link #MAX_AUTHORIZATION_DAYS} days after the order was placed and never
	 * shorter than it already runs.
	 * @return whether the expiry date moved; a second extend on the same day changes
	 * nothing and records nothing
	 */
	public boolean extendAuthorization(Actor actor) {
		require(OrderAction.EXTEND_AUTHORIZATION, actor);
		if (!canExtendFurther(actor.at())) {
			return false;
		}
		LocalDate extended = getExtendedExpiry(actor.at());
		this.authorizationExpiresOn = extended;
		record(OrderEventType.AUTHORIZATION_EXTENDED, null, null, null, extended.toString(), actor);
		return true;
	}

	/** Whether an extend at that moment would move the expiry date at all. */
	public boolean canExtendFurther(Instant now) {
		return getExtendedExpiry(now).isAfter(this.authorizationExpiresOn);
	}

	/** The expiry date an extend at that moment would give. */
	public LocalDate getExtendedExpiry(Instant now) {
		LocalDate wanted = dayOf(now).plusDays(AUTHORIZATION_DAYS);
		LocalDate cap = dayOf(this.createdAt).plusDays(MAX_AUTHORIZATION_DAYS);
		LocalDate longer = wanted.isAfter(this.authorizationExpiresOn) ? wanted : this.authorizationExpiresOn;
		return longer.isAfter(cap) ? cap : longer;
	}

	/**
	 * The scheduled end of an authorization that ran out: an uncaptured order becomes
	 * EXPIRED, a part-captured one CLOSED, and what was left is released.
	 */
	public void expire(Instant now) {
		if (!this.status.isOpen() || !state().isAuthorizationExpiredOn(dayOf(now))) {
			throw OrderActionRefusedException.ofState(Code.NOT_ALLOWED, "refusal.expire.notExpired", this.publicId);
		}
		Money released = getRemaining();
		this.releasedAmount += released.minorUnits();
		this.status = (this.capturedAmount == 0) ? OrderStatus.EXPIRED : OrderStatus.CLOSED;
		record(OrderEventType.EXPIRED, released, null, null, null, Actor.system(now));
	}

	// --- Checks shared by the operations -------------------------------------------

	private void checkAmount(Money amount, Money limit, Code code, String verb) {
		checkAmount(amount, limit, code, verb, "amount");
	}

	/**
	 * @param field the form field to blame: the amount, or the lines that add up to it
	 */
	private void checkAmount(Money amount, Money limit, Code code, String verb, String field) {
		if (amount == null) {
			throw OrderActionRefusedException.ofInput(code, field, "amount.missing");
		}
		if (!amount.currency().equals(this.currency)) {
			throw OrderActionRefusedException.ofInput(code, field, "amount.currency", this.currency.getCurrencyCode());
		}
		if (!amount.isPositive()) {
			throw OrderActionRefusedException.ofInput(code, field, "amount.notPositive");
		}
		if (amount.isGreaterThan(limit)) {
			throw "lines".equals(field)
					? OrderActionRefusedException.ofInput(code, field, "lines.tooMuch." + verb, amount, limit)
					: OrderActionRefusedException.ofInput(code, field, "amount.tooMuch." + verb, limit);
		}
	}

	private String checkReason(RefundReason reason, String note) {
		if (reason == null) {
			throw OrderActionRefusedException.ofInput(Code.REFUND_NOT_ALLOWED, "reason", "refund.reason.missing");
		}
		String clean = (note == null || note.isBlank()) ? null : note.strip();
		if (clean == null && reason.requiresNote()) {
			throw OrderActionRefusedException.ofInput(Code.REFUND_NOT_ALLOWED, "note", "refund.note.missing");
		}
		if (clean != null
				&& clean.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw OrderActionRefusedException.ofInput(Code.REFUND_NOT_ALLOWED, "note", "refund.note.notText");
		}
		if (clean != null && clean.length() > MAX_NOTE_LENGTH) {
			throw OrderActionRefusedException.ofInput(Code.REFUND_NOT_ALLOWED, "note", "refund.note.tooLong",
					MAX_NOTE_LENGTH);
		}
		return clean;
	}

	private Map<OrderLine, Integer> resolve(List<LineQuantity> quantities,
			java.util.function.ToIntFunction<OrderLine> available, String verb, Code code) {
		Map<OrderLine, Integer> chosen = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		for (LineQuantity wanted : (quantities != null) ? quantities : List.<LineQuantity>of()) {
			if (wanted.quantity() == 0) {
				continue;
			}
			OrderLine line = this.lines.stream()
				.filter((candidate) -> candidate.getReference().equals(wanted.reference()))
				.findFirst()
				.orElseThrow(
						() -> OrderActionRefusedException.ofInput(code, "lines", "lines.unknown", wanted.reference()));
			if (!seen.add(line.getReference())) {
				throw OrderActionRefusedException.ofInput(code, "lines", "lines.twice", line.getReference());
			}
			if (wanted.quantity() < 0) {
				throw OrderActionRefusedException.ofLine(code, line.getReference(), "lines.negative");
			}
			int most = available.applyAsInt(line);
			if (wanted.quantity() > most) {
				throw OrderActionRefusedException.ofLine(code, line.getReference(), "lines.tooMany." + verb, most,
						line.getName());
			}
			chosen.put(line, wanted.quantity());
		}
		if (chosen.isEmpty()) {
			throw OrderActionRefusedException.ofInput(code, "lines", "lines.none");
		}
		return chosen;
	}

	private Money sum(Map<OrderLine, Integer> chosen) {
		long total = 0;
		for (Map.Entry<OrderLine, Integer> entry : chosen.entrySet()) {
			total = Math.addExact(total, Math.multiplyExact(entry.getKey().unitPriceMinor(), (long) entry.getValue()));
		}
		return Money.of(total, this.currency);
	}

	/** "2 × Trail Runner, 1 × Socks", cut to what an event's detail holds. */
	private static String describe(Map<OrderLine, Integer> chosen) {
		String detail = chosen.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + " × " + entry.getKey().getName())
			.collect(Collectors.joining(", "));
		return (detail.length() <= MAX_DETAIL_LENGTH) ? detail : detail.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
	}

	private void record(OrderEventType type, Money amount, RefundReason reason, String note, String detail,
			Actor actor) {
		this.lastRecorded = new OrderEvent(this, type, amount, reason, note, detail, actor);
		this.events.add(this.lastRecorded);
	}

	static LocalDate dayOf(Instant instant) {
		return instant.atZone(ZONE).toLocalDate();
	}

	// --- Reading ---------------------------------------------------------------

	public boolean isAuthorizationExpired(Instant now) {
		return state().isAuthorizationExpiredOn(dayOf(now));
	}

	/** An open authorization that runs out within {@link #EXPIRES_SOON_DAYS} days. */
	public boolean isExpiringSoon(Instant now) {
		return state().isExpiringSoon(now);
	}

	public Long getId() {
		return this.id;
	}

	public UUID getPublicId() {
		return this.publicId;
	}

	public long getMerchantId() {
		return this.merchantId;
	}

	public String getMerchantReference() {
		return this.merchantReference;
	}

	public String getMerchantReference2() {
		return this.merchantReference2;
	}

	public String getCustomerName() {
		return this.customerName;
	}

	public String getCustomerEmail() {
		return this.customerEmail;
	}

	public Currency getCurrency() {
		return this.currency;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public LocalDate getAuthorizationExpiresOn() {
		return this.authorizationExpiresOn;
	}

	public Money getOrderAmount() {
		return Money.of(this.orderAmount, this.currency);
	}

	public Money getCaptured() {
		return Money.of(this.capturedAmount, this.currency);
	}

	public Money getRefunded() {
		return Money.of(this.refundedAmount, this.currency);
	}

	public Money getReleased() {
		return Money.of(this.releasedAmount, this.currency);
	}

	/** Order amount less what was captured and what was released. */
	public Money getRemaining() {
		return Money.of(this.orderAmount - this.capturedAmount - this.releasedAmount, this.currency);
	}

	/** Captured less refunded. */
	public Money getRefundable() {
		return Money.of(this.capturedAmount - this.refundedAmount, this.currency);
	}

	/** Some of what was captured went back to the customer, but not all. */
	public boolean isPartlyRefunded() {
		return state().isPartlyRefunded();
	}

	/** Everything captured went back to the customer. */
	public boolean isFullyRefunded() {
		return state().isFullyRefunded();
	}

	public List<OrderLine> getLines() {
		return Collections.unmodifiableList(this.lines);
	}

	/**
	 * The whole timeline, newest first, as the aggregate holds it: loads every event.
	 * Pages show {@link TimelinePage}s instead (see {@link OrderService#details}).
	 */
	public List<OrderEvent> getTimeline() {
		List<OrderEvent> timeline = new ArrayList<>(this.events);
		Collections.reverse(timeline);
		return timeline;
	}

}
