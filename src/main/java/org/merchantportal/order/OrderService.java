package org.merchantportal.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.merchantportal.audit.AuditDetail;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads a merchant's orders and carries out the More actions: each action locks the order
 * row (so concurrent actions on one order, from any node, run one after the other),
 * checks the form's idempotency key, asks the aggregate, and records the key with its
 * outcome in the same transaction, so that a repeat returns the first result and changes
 * nothing.
 */
@Service
public class OrderService {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private final OrderRepository orders;

	private final OrderEventRepository events;

	private final IdempotencyRecordRepository keys;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AuditLog audit;

	/**
	 * The idempotency keys the pages' forms carry: when the form was made (seconds, base
	 * 36), then 128 random bits. An API client's keys are its own and never expire here.
	 */
	private static final Pattern FORM_KEY = Pattern.compile("form_([0-9a-z]{1,12})_[0-9a-f]{32}");

	/**
	 * How long a form stays good: an hour less than its key is kept
	 * ({@link IdempotencyKeyPurge}), so that a form sent again always finds its first
	 * answer, never a forgotten key.
	 */
	private final Duration formLifetime;

	OrderService(OrderRepository orders, OrderEventRepository events, IdempotencyRecordRepository keys,
			TransactionTemplate transactions, Clock clock, MeterRegistry meters, AuditLog audit,
			@Value("${portal.idempotency.retention:PT24H}") Duration retention) {
		this.formLifetime = retention.minusHours(1);
		this.orders = orders;
		this.events = events;
		this.keys = keys;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
		this.audit = audit;
	}

	/**
	 * An order with its lines, if it is the staff member's merchant's. Its timeline is
	 * not read: see {@link #details(Staff, UUID)}.
	 * <p>
	 * The reads of an order's pages run without a transaction of their own (they join a
	 * caller's): each of their statements sees what was committed when it started, as it
	 * would in a read-committed transaction, which on PostgreSQL cost a {@code BEGIN} and
	 * a {@code COMMIT} on every page and dialog.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public Order get(Staff staff, UUID orderId) {
		return this.orders.findByMerchantIdAndPublicId(staff.merchantId(), orderId)
			.orElseThrow(() -> new OrderNotFoundException(orderId));
	}

	/**
	 * An order with its lines and its whole timeline, if it is the staff member's
	 * merchant's: for the merchant API, which lists every capture and refund.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public Order getWithTimeline(Staff staff, UUID orderId) {
		Order order = get(staff, orderId);
		order.getTimeline();
		return order;
	}

	/**
	 * An order with its lines and the newest {@link TimelinePage#SIZE} events of its
	 * timeline, if it is the staff member's merchant's.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public OrderDetails details(Staff staff, UUID orderId) {
		return details(staff, orderId, null);
	}

	/**
	 * An order with its lines and the page of its timeline just older than the cursor
	 * (the newest page without one), if it is the staff member's merchant's.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public OrderDetails details(Staff staff, UUID orderId, TimelinePage.Cursor before) {
		Order order = get(staff, orderId);
		return new OrderDetails(order, this.events.page(order.getId(), before, TimelinePage.SIZE));
	}

	/**
	 * What a checkout sends to place an order: the merchant's reference, the customer,
	 * the currency and the lines.
	 */
	public record NewOrder(String merchantReference, String customerName, String customerEmail, Currency currency,
			List<OrderLine.NewLine> lines) {
	}

	/**
	 * Places an authorized order for the staff member's merchant (the merchant API's
	 * checkout), exactly once per idempotency key: a repeat with the same order returns
	 * the first order's id and places nothing; with another order it is refused.
	 * @return the new order's public id
	 */
	public UUID place(Staff staff, String key, NewOrder placed) {
		if (!isWellFormedKey(key)) {
			throw new IdempotencyKeyException("idempotency.invalid");
		}
		String fingerprint = fingerprint("place|" + fields(placed.merchantReference(), placed.customerName(),
				placed.customerEmail(), placed.currency(), placed.lines()));
		try {
			return this.transactions.execute((status) -> {
				var previous = this.keys.findByMerchantIdAndKey(staff.merchantId(), key);
				if (previous.isPresent()) {
					return placedBy(previous.get(), fingerprint);
				}
				Order order = this.orders.save(new Order(staff.merchantId(), placed.merchantReference(),
						placed.customerName(), placed.customerEmail(), placed.currency(), placed.lines(),
						staff.actingAt(this.clock.instant(), key)));
				this.keys.saveAndFlush(new IdempotencyRecord(staff.merchantId(), key, fingerprint, order.getId(),
						PLACED + order.getPublicId(), this.clock.instant()));
				return order.getPublicId();
			});
		}
		catch (DataIntegrityViolationException ex) {
			// The same key was committed meanwhile by another request.
			return this.transactions.execute((status) -> this.keys.findByMerchantIdAndKey(staff.merchantId(), key)
				.map((record) -> placedBy(record, fingerprint))
				.orElseThrow(() -> ex));
		}
	}

	/**
	 * Changes the merchant's references of an order (see
	 * {@link Order#updateMerchantReferences}), exactly once per idempotency key, under
	 * the order's row lock like every action.
	 */
	public void updateMerchantReferences(Staff staff, UUID orderId, String key, String reference1, String reference2) {
		if (!isWellFormedKey(key)) {
			throw new IdempotencyKeyException("idempotency.invalid");
		}
		String fingerprint = fingerprint(orderId + "|references|" + fields(reference1, reference2));
		try {
			this.transactions.executeWithoutResult((status) -> {
				Order order = this.orders.findForUpdate(staff.merchantId(), orderId)
					.orElseThrow(() -> new OrderNotFoundException(orderId));
				var previous = this.keys.findByMerchantIdAndKey(staff.merchantId(), key);
				if (previous.isPresent()) {
					requireSame(previous.get(), fingerprint, REFERENCES);
					return;
				}
				order.updateMerchantReferences(reference1, reference2, staff.actingAt(this.clock.instant(), key));
				this.keys.saveAndFlush(new IdempotencyRecord(staff.merchantId(), key, fingerprint, order.getId(),
						REFERENCES + orderId, this.clock.instant()));
			});
		}
		catch (DataIntegrityViolationException ex) {
			this.transactions.executeWithoutResult((status) -> requireSame(
					this.keys.findByMerchantIdAndKey(staff.merchantId(), key).orElseThrow(() -> ex), fingerprint,
					REFERENCES));
		}
	}

	private static final String REFERENCES = "REFERENCES;";

	private static void requireSame(IdempotencyRecord record, String fingerprint, String kind) {
		if (!record.fingerprint().equals(fingerprint) || !record.outcome().startsWith(kind)) {
			throw new IdempotencyKeyException("idempotency.reused");
		}
	}

	/** How a placed order's key records its outcome (actions record an ActionOutcome). */
	private static final String PLACED = "PLACED;";

	private static UUID placedBy(IdempotencyRecord record, String fingerprint) {
		if (!record.fingerprint().equals(fingerprint) || !record.outcome().startsWith(PLACED)) {
			throw new IdempotencyKeyException("idempotency.reused");
		}
		return UUID.fromString(record.outcome().substring(PLACED.length()));
	}

	/**
	 * Whether a form's idempotency key is one the portal could have made, and so worth
	 * keeping when the form is shown again.
	 */
	public static boolean isWellFormedKey(String key) {
		return key != null && KEY.matcher(key).matches();
	}

	/** A new key for a page's form, made now. */
	public static String newFormKey(Instant now) {
		return "form_" + Long.toString(now.getEpochSecond(), 36) + "_" + UUID.randomUUID().toString().replace("-", "");
	}

	/** Whether the key is a form's that was made longer ago than a form stays good. */
	private boolean isExpiredForm(String key) {
		Matcher form = FORM_KEY.matcher(key);
		return form.matches() && Instant.ofEpochSecond(Long.parseLong(form.group(1), 36))
			.isBefore(this.clock.instant().minus(this.formLifetime));
	}

	public ActionOutcome cancel(Staff staff, UUID orderId, String key) {
		return perform(staff, orderId, key, "cancel", (order) -> new Request("", (actor) -> {
			Money remaining = order.getRemaining();
			order.cancel(actor);
			return ActionOutcome.of(OrderAction.CANCEL, order, remaining);
		}));
	}

	public ActionOutcome capture(Staff staff, UUID orderId, String key, Money amount) {
		return capture(staff, orderId, key, (currency) -> amount, null);
	}

	/**
	 * A capture of the amount, read in the order's currency once the order is locked,
	 * with the merchant's description of it (null for none).
	 */
	public ActionOutcome capture(Staff staff, UUID orderId, String key, Amount amount, String description) {
		return perform(staff, orderId, key, "capture", (order) -> {
			Money money = amount.in(order.getCurrency());
			String parameters = (description != null) ? fields("amount", money, description) : fields("amount", money);
			return new Request(parameters, (actor) -> {
				order.capture(money, description, actor);
				return ActionOutcome.of(OrderAction.CAPTURE, order, money);
			});
		});
	}

	public ActionOutcome captureLines(Staff staff, UUID orderId, String key, List<LineQuantity> lines) {
		return captureLines(staff, orderId, key, lines, null);
	}

	/** A capture of line quantities with the merchant's description (null for none). */
	public ActionOutcome captureLines(Staff staff, UUID orderId, String key, List<LineQuantity> lines,
			String description) {
		String parameters = (description != null) ? fields("lines", describe(lines), description)
				: fields("lines", describe(lines));
		return perform(staff, orderId, key, "capture", (order) -> new Request(parameters, (actor) -> {
			Money before = order.getCaptured();
			order.captureLines(lines, description, actor);
			return ActionOutcome.of(OrderAction.CAPTURE, order, order.getCaptured().minus(before));
		}));
	}

	public ActionOutcome refund(Staff staff, UUID orderId, String key, Money amount, RefundReason reason, String note) {
		return refund(staff, orderId, key, (currency) -> amount, reason, note);
	}

	/** A refund of the amount, read in the order's currency once the order is locked. */
	public ActionOutcome refund(Staff staff, UUID orderId, String key, Amount amount, RefundReason reason,
			String note) {
		return perform(staff, orderId, key, "refund", (order) -> {
			Money money = amount.in(order.getCurrency());
			return new Request(fields("amount", money, reason, note), (actor) -> {
				order.refund(money, reason, note, actor);
				return ActionOutcome.of(OrderAction.REFUND, order, money);
			});
		});
	}

	public ActionOutcome refundLines(Staff staff, UUID orderId, String key, List<LineQuantity> lines,
			RefundReason reason, String note) {
		String parameters = fields("lines", describe(lines), reason, note);
		return perform(staff, orderId, key, "refund", (order) -> new Request(parameters, (actor) -> {
			Money before = order.getRefunded();
			order.refundLines(lines, reason, note, actor);
			return ActionOutcome.of(OrderAction.REFUND, order, order.getRefunded().minus(before));
		}));
	}

	public ActionOutcome releaseRemainingAuthorization(Staff staff, UUID orderId, String key) {
		return perform(staff, orderId, key, "release", (order) -> new Request("", (actor) -> {
			Money remaining = order.getRemaining();
			order.releaseRemainingAuthorization(actor);
			return ActionOutcome.of(OrderAction.RELEASE_AUTHORIZATION, order, remaining);
		}));
	}

	public ActionOutcome extendAuthorization(Staff staff, UUID orderId, String key) {
		return perform(staff, orderId, key, "extend", (order) -> new Request("", (actor) -> {
			boolean changed = order.extendAuthorization(actor);
			return new ActionOutcome(OrderAction.EXTEND_AUTHORIZATION, order.getPublicId(), null,
					order.getAuthorizationExpiresOn(), changed);
		}));
	}

	/**
	 * An amount as a request gave it, in the currency of the order it is for: read once
	 * the order is locked, so that the order is read once per action.
	 */
	@FunctionalInterface
	public interface Amount {

		/**
		 * The amount in the order's currency.
		 * @throws InvalidAmountException if the request's amount is not one in it
		 */
		Money in(Currency currency);

	}

	/**
	 * An action as asked of one locked order: what identifies the request beyond its
	 * action (for its key's fingerprint), and the action itself.
	 */
	private record Request(String parameters, Function<Actor, ActionOutcome> action) {
	}

	/**
	 * Runs an action exactly once per idempotency key and counts its outcome by action,
	 * merchant and outcome (metric {@code portal.order.actions}).
	 * @param action the action's name, for the metric and the key's fingerprint
	 * @param request the request, from the locked order
	 */
	private ActionOutcome perform(Staff staff, UUID orderId, String key, String action,
			Function<Order, Request> request) {
		String outcome = "failed";
		try {
			ActionOutcome result = performOnce(staff, orderId, key, action, request);
			outcome = "succeeded";
			return result;
		}
		catch (OrderActionRefusedException ex) {
			outcome = ex.isAboutInput() ? "invalid" : "refused";
			if (!ex.isAboutInput()) {
				this.audit.record(staff.merchantId(), AuditEventType.ORDER_ACTION_REFUSED, staff.username(),
						orderId.toString(), AuditDetail.of("audit.detail.orderActionRefused",
								AuditDetail.code("audit.action." + action), ex),
						staff.clientAddress());
			}
			throw ex;
		}
		catch (IdempotencyKeyException | OrderNotFoundException | InvalidAmountException ex) {
			outcome = "invalid";
			throw ex;
		}
		finally {
			this.meters
				.counter("portal.order.actions", "action", action, "merchant", Long.toString(staff.merchantId()),
						"outcome", outcome)
				.increment();
		}
	}

	/**
	 * In one transaction: locks the order (read once, with its lines), asks for the
	 * request, and either replays the key's first outcome or carries the action out and
	 * records the key. The outcome carries the order as it is afterwards.
	 */
	private ActionOutcome performOnce(Staff staff, UUID orderId, String key, String action,
			Function<Order, Request> request) {
		boolean unusableKey = !isWellFormedKey(key) || isExpiredForm(key);
		// The fingerprint, for a key committed meanwhile by a request on another order.
		String[] fingerprint = new String[1];
		try {
			return this.transactions.execute((status) -> {
				Order order = this.orders.findForUpdate(staff.merchantId(), orderId)
					.orElseThrow(() -> new OrderNotFoundException(orderId));
				// What was entered is checked before the form's key, as the form shows
				// both again: a corrected form then gets a fresh key.
				Request asked = request.apply(order);
				if (unusableKey) {
					throw new IdempotencyKeyException("idempotency.formExpired");
				}
				fingerprint[0] = fingerprint(orderId + "|" + action + "|" + asked.parameters());
				var previous = this.keys.findByMerchantIdAndKey(staff.merchantId(), key);
				if (previous.isPresent()) {
					return replay(previous.get(), fingerprint[0]).withOrder(OrderSummary.of(order));
				}
				// The order is managed: its changes and new events are flushed on commit.
				ActionOutcome outcome = asked.action().apply(staff.actingAt(this.clock.instant(), key));
				if (outcome.action() == OrderAction.CAPTURE || outcome.action() == OrderAction.REFUND) {
					// The new event gets its database key, from which its public id
					// comes.
					this.orders.flush();
					outcome = outcome.withEvent(order.lastEvent().getPublicId());
				}
				this.keys.saveAndFlush(new IdempotencyRecord(staff.merchantId(), key, fingerprint[0], order.getId(),
						outcome.encode(), this.clock.instant()));
				return outcome.withOrder(OrderSummary.of(order));
			});
		}
		catch (DataIntegrityViolationException ex) {
			// The same key was committed meanwhile by a request on another order.
			return this.transactions.execute((status) -> this.keys.findByMerchantIdAndKey(staff.merchantId(), key)
				.map((record) -> replay(record, fingerprint[0]))
				.orElseThrow(() -> ex));
		}
	}

	private static ActionOutcome replay(IdempotencyRecord record, String fingerprint) {
		if (!record.fingerprint().equals(fingerprint) || record.outcome().startsWith(PLACED)
				|| record.outcome().startsWith(REFERENCES)) {
			throw new IdempotencyKeyException("idempotency.otherValues");
		}
		return ActionOutcome.decode(record.outcome());
	}

	/**
	 * The request's parameters, each length-prefixed so that none can pass for another.
	 */
	private static String fields(Object... values) {
		StringBuilder fields = new StringBuilder();
		for (Object value : values) {
			String text = (value != null) ? value.toString() : null;
			fields.append((text != null) ? text.length() + ":" + text : "-").append('|');
		}
		return fields.toString();
	}

	private static String describe(List<LineQuantity> lines) {
		return (lines == null) ? ""
				: lines.stream()
					.filter((line) -> line.quantity() != 0)
					.sorted(Comparator.comparing(LineQuantity::reference))
					.map((line) -> line.reference() + "=" + line.quantity())
					.collect(Collectors.joining(","));
	}

	private static String fingerprint(String request) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
