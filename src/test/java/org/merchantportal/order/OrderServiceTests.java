package org.merchantportal.order;

import org.merchantportal.i18n.English;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.OrderActionRefusedException.Code;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each More action through {@link OrderService}: it changes the order, records its event
 * with the acting user and the form's idempotency key, and reports the right amount.
 */
@SpringBootTest
class OrderServiceTests {

	/** "Nordic Shoes AB" of the demo data, in SEK. */
	private static final long NORDIC = 1;

	private static final Currency SEK = Currency.getInstance("SEK");

	/** Shirt: 2 × 300.00; Shoes: 1 × 400.00. */
	private static final long ORDER_AMOUNT = 100_000;

	private static final Staff MANAGER = new Staff(NORDIC, "orders@nordic-shoes.example", Role.ORDER_MANAGER);

	private static final Staff ADMIN = new Staff(NORDIC, "admin@nordic-shoes.example", Role.ADMIN);

	private static final Staff VIEWER = new Staff(NORDIC, "viewer@nordic-shoes.example", Role.VIEWER);

	@Autowired
	OrderService service;

	@Autowired
	OrderRepository orders;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void cancelReleasesTheWholeAuthorizationAndRecordsWhoDidItUnderWhichKey() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));
		String key = newKey();

		ActionOutcome outcome = this.service.cancel(MANAGER, orderId, key);

		assertThat(outcome.action()).isEqualTo(OrderAction.CANCEL);
		assertThat(outcome.orderId()).isEqualTo(orderId);
		assertThat(outcome.amount()).as("the released amount").isEqualTo(sek(ORDER_AMOUNT));
		assertThat(outcome.changed()).isTrue();
		Order order = load(orderId);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(order.getReleased()).isEqualTo(sek(ORDER_AMOUNT));
		assertLatestEvent(order, OrderEventType.CANCELLED, sek(ORDER_AMOUNT), MANAGER, key);
	}

	@Test
	void cancelOfAPartCapturedOrderIsRefusedAndChangesNothing() {
		Order placed = newOrder(Duration.ofHours(2));
		placed.captureLines(List.of(new LineQuantity("SHOES", 1)), setup(placed));
		UUID orderId = save(placed);

		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.cancel(MANAGER, orderId, newKey()))
			.satisfies((refused) -> assertThat(refused.code()).isEqualTo(Code.CANCEL_NOT_ALLOWED))
			.satisfies(English.says("Order has captures: refund it instead"));
		Order order = load(orderId);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertThat(order.getTimeline()).hasSize(2);
	}

	@Test
	void captureRecordsItsEventAndReportsTheCapturedAmount() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));
		String key = newKey();

		ActionOutcome outcome = this.service.capture(ADMIN, orderId, key, sek(25_050));

		assertThat(outcome.action()).isEqualTo(OrderAction.CAPTURE);
		assertThat(outcome.amount()).isEqualTo(sek(25_050));
		Order order = load(orderId);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertThat(order.getCaptured()).isEqualTo(sek(25_050));
		assertLatestEvent(order, OrderEventType.CAPTURED, sek(25_050), ADMIN, key);
	}

	@Test
	void captureWithoutAnAmountIsRefusedAsAnInputErrorAndChangesNothing() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));

		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.capture(MANAGER, orderId, newKey(), null))
			.satisfies((refused) -> {
				assertThat(refused.code()).isEqualTo(Code.CAPTURE_NOT_ALLOWED);
				assertThat(refused.field()).isEqualTo("amount");
			});
		Order order = load(orderId);
		assertThat(order.getCaptured()).isEqualTo(sek(0));
		assertThat(order.getTimeline()).hasSize(1);
	}

	@Test
	void captureLinesReportsTheSumOfTheLines() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));
		String key = newKey();

		ActionOutcome outcome = this.service.captureLines(MANAGER, orderId, key,
				List.of(new LineQuantity("SHIRT", 1), new LineQuantity("SHOES", 1)));

		assertThat(outcome.amount()).as("1 × 300.00 + 1 × 400.00").isEqualTo(sek(70_000));
		Order order = load(orderId);
		assertThat(order.getCaptured()).isEqualTo(sek(70_000));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertThat(order.getLines()).extracting(OrderLine::getCapturedQuantity).containsExactly(1, 1);
		OrderEvent event = assertLatestEvent(order, OrderEventType.CAPTURED, sek(70_000), MANAGER, key);
		assertThat(event.getDetail()).contains("Shirt").contains("Shoes");
	}

	@Test
	void captureLinesOfEverythingCapturesTheOrderAndReportsTheOrderAmount() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));

		ActionOutcome outcome = this.service.captureLines(MANAGER, orderId, newKey(),
				List.of(new LineQuantity("SHIRT", 2), new LineQuantity("SHOES", 1)));

		assertThat(outcome.amount()).isEqualTo(sek(ORDER_AMOUNT));
		assertThat(load(orderId).getStatus()).isEqualTo(OrderStatus.CAPTURED);
	}

	@Test
	void refundRecordsReasonNoteActorAndKeyAndReportsTheRefundedAmount() {
		UUID orderId = save(capturedOrder());
		String key = newKey();

		ActionOutcome outcome = this.service.refund(MANAGER, orderId, key, sek(12_345), RefundReason.OTHER,
				"  Goodwill for a late delivery ");

		assertThat(outcome.action()).isEqualTo(OrderAction.REFUND);
		assertThat(outcome.amount()).isEqualTo(sek(12_345));
		Order order = load(orderId);
		assertThat(order.getRefunded()).isEqualTo(sek(12_345));
		assertThat(order.getStatus()).as("a refund leaves the status alone").isEqualTo(OrderStatus.CAPTURED);
		OrderEvent event = assertLatestEvent(order, OrderEventType.REFUNDED, sek(12_345), MANAGER, key);
		assertThat(event.getReason()).isEqualTo(RefundReason.OTHER);
		assertThat(event.getNote()).isEqualTo("Goodwill for a late delivery");
	}

	@Test
	void refundLinesReportsTheSumOfTheLines() {
		UUID orderId = save(capturedOrder());
		String key = newKey();

		ActionOutcome outcome = this.service.refundLines(MANAGER, orderId, key,
				List.of(new LineQuantity("SHIRT", 2), new LineQuantity("SHOES", 0)), RefundReason.RETURNED, null);

		assertThat(outcome.amount()).as("2 × 300.00").isEqualTo(sek(60_000));
		Order order = load(orderId);
		assertThat(order.getRefunded()).isEqualTo(sek(60_000));
		assertThat(order.getLines()).extracting(OrderLine::getRefundedQuantity).containsExactly(2, 0);
		OrderEvent event = assertLatestEvent(order, OrderEventType.REFUNDED, sek(60_000), MANAGER, key);
		assertThat(event.getReason()).isEqualTo(RefundReason.RETURNED);
	}

	@Test
	void releaseClosesAPartCapturedOrderAndReportsTheReleasedAmount() {
		Order placed = newOrder(Duration.ofHours(2));
		placed.capture(sek(30_000), setup(placed));
		UUID orderId = save(placed);
		String key = newKey();

		ActionOutcome outcome = this.service.releaseRemainingAuthorization(ADMIN, orderId, key);

		assertThat(outcome.action()).isEqualTo(OrderAction.RELEASE_AUTHORIZATION);
		assertThat(outcome.amount()).isEqualTo(sek(70_000));
		Order order = load(orderId);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertThat(order.getReleased()).isEqualTo(sek(70_000));
		assertThat(order.getRemaining()).isEqualTo(sek(0));
		assertLatestEvent(order, OrderEventType.AUTHORIZATION_RELEASED, sek(70_000), ADMIN, key);
	}

	@Test
	void extendMovesTheExpiryTo28DaysFromTodayAndASecondExtendTheSameDayChangesNothing() {
		UUID orderId = save(newOrder(Duration.ofDays(10)));
		LocalDate before = load(orderId).getAuthorizationExpiresOn();
		LocalDate expected = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(28);
		assertThat(expected).isAfter(before);
		String key = newKey();

		ActionOutcome first = this.service.extendAuthorization(MANAGER, orderId, key);

		assertThat(first).usingRecursiveComparison()
			.ignoringFields("order")
			.isEqualTo(new ActionOutcome(OrderAction.EXTEND_AUTHORIZATION, orderId, null, expected, true));
		Order extended = load(orderId);
		// The outcome carries the order as the action left it, for the page to show.
		assertThat(first.order()).isEqualTo(OrderSummary.of(extended));
		assertThat(extended.getAuthorizationExpiresOn()).isEqualTo(expected);
		OrderEvent event = assertLatestEvent(extended, OrderEventType.AUTHORIZATION_EXTENDED, null, MANAGER, key);
		assertThat(event.getDetail()).contains(expected.toString());

		ActionOutcome second = this.service.extendAuthorization(MANAGER, orderId, newKey());

		assertThat(second.changed()).isFalse();
		assertThat(second.expiresOn()).isEqualTo(expected);
		Order after = load(orderId);
		assertThat(after.getAuthorizationExpiresOn()).isEqualTo(expected);
		assertThat(after.getTimeline()).as("no second event").hasSameSizeAs(extended.getTimeline());
		assertThat(after.state()).as("nothing changed").isEqualTo(extended.state());
		assertThat(this.service.extendAuthorization(MANAGER, orderId, key))
			.as("a repeat of the first form gets the first outcome")
			.isEqualTo(first);
	}

	@Test
	void aRepeatedKeyReturnsTheFirstOutcomeAndRecordsNoSecondEvent() {
		UUID orderId = save(newOrder(Duration.ofHours(2)));
		String key = newKey();
		ActionOutcome first = this.service.capture(MANAGER, orderId, key, sek(10_000));

		ActionOutcome repeat = this.service.capture(MANAGER, orderId, key, sek(10_000));

		assertThat(repeat).isEqualTo(first);
		Order order = load(orderId);
		assertThat(order.getCaptured()).isEqualTo(sek(10_000));
		assertThat(order.getTimeline()).extracting(OrderEvent::getType)
			.containsExactly(OrderEventType.CAPTURED, OrderEventType.CREATED);
	}

	@Test
	void aRefusedActionLeavesItsKeyUnusedSoTheCorrectedFormCanBeSentAgain() {
		UUID orderId = save(capturedOrder());
		String key = newKey();

		assertThatExceptionOfType(OrderActionRefusedException.class).isThrownBy(
				() -> this.service.refund(MANAGER, orderId, key, sek(ORDER_AMOUNT + 1), RefundReason.RETURNED, null))
			.satisfies((refused) -> assertThat(refused.field()).isEqualTo("amount"));
		assertThat(load(orderId).getRefunded()).isEqualTo(sek(0));

		ActionOutcome corrected = this.service.refund(MANAGER, orderId, key, sek(ORDER_AMOUNT), RefundReason.RETURNED,
				null);

		assertThat(corrected.amount()).isEqualTo(sek(ORDER_AMOUNT));
		assertThat(load(orderId).getRefunded()).isEqualTo(sek(ORDER_AMOUNT));
	}

	@Test
	void anAmountTheOrdersCurrencyCannotHoldChangesNothingAndLeavesItsKeyUnused() {
		UUID orderId = save(capturedOrder());
		String key = newKey();

		// Read in the locked order's currency (SEK: two decimals), before anything
		// changes.
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> this.service.refund(MANAGER, orderId,
				key, (currency) -> Money.parse("12.345", currency), RefundReason.RETURNED, null));
		assertThat(load(orderId).getRefunded()).isEqualTo(sek(0));
		assertThat(load(orderId).getTimeline()).noneMatch((event) -> event.getType() == OrderEventType.REFUNDED);

		UUID authorized = save(newOrder(Duration.ofDays(10)));
		assertThatExceptionOfType(InvalidAmountException.class).isThrownBy(() -> this.service.capture(MANAGER,
				authorized, newKey(), (currency) -> Money.parse("12.345", currency), null));
		assertThat(load(authorized).getCaptured()).isEqualTo(sek(0));

		ActionOutcome corrected = this.service.refund(MANAGER, orderId, key,
				(currency) -> Money.parse("12.34", currency), RefundReason.RETURNED, null);

		assertThat(corrected.amount()).isEqualTo(sek(1_234));
		assertThat(corrected.order().state().refunded()).isEqualTo(1_234);
		assertThat(load(orderId).getRefunded()).isEqualTo(sek(1_234));
	}

	@Test
	void aViewerIsRefusedEveryActionAndNothingChanges() {
		UUID authorized = save(newOrder(Duration.ofHours(2)));
		UUID captured = save(capturedOrder());

		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.cancel(VIEWER, authorized, newKey()))
			.satisfies((refused) -> assertThat(refused.code()).isEqualTo(Code.CANCEL_NOT_ALLOWED));
		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.capture(VIEWER, authorized, newKey(), sek(100)))
			.satisfies((refused) -> assertThat(refused.code()).isEqualTo(Code.CAPTURE_NOT_ALLOWED));
		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.extendAuthorization(VIEWER, authorized, newKey()))
			.satisfies((refused) -> assertThat(refused.code()).isEqualTo(Code.NOT_ALLOWED));
		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.service.refund(VIEWER, captured, newKey(), sek(100), RefundReason.RETURNED, null))
			.satisfies((refused) -> assertThat(refused.code()).isEqualTo(Code.REFUND_NOT_ALLOWED));

		assertThat(load(authorized).getTimeline()).hasSize(1);
		assertThat(load(authorized).getStatus()).isEqualTo(OrderStatus.AUTHORIZED);
		assertThat(load(captured).getRefunded()).isEqualTo(sek(0));
	}

	// --- Fixtures ---------------------------------------------------------------------

	/** Shirt: 2 × 300.00; Shoes: 1 × 400.00; placed that long ago. */
	private Order newOrder(Duration age) {
		Instant created = this.clock.instant().minus(age);
		return new Order(NORDIC, "SVC-" + UUID.randomUUID().toString().substring(0, 8), "Sara Svensson",
				"sara@example.com", SEK, List.of(new OrderLine.NewLine("SHIRT", "Shirt", 2, 30_000, 2500),
						new OrderLine.NewLine("SHOES", "Shoes", 1, 40_000, 2500)),
				created);
	}

	private Order capturedOrder() {
		Order order = newOrder(Duration.ofHours(2));
		order.capture(order.getRemaining(), setup(order));
		return order;
	}

	private static Actor setup(Order order) {
		return new Actor("setup", Role.ADMIN, order.getCreatedAt().plusSeconds(60), null);
	}

	private UUID save(Order order) {
		return this.transactions.execute((status) -> this.orders.save(order).getPublicId());
	}

	/**
	 * The order with its lines and whole timeline (the service reads no timeline with it:
	 * pages read one page of it).
	 */
	private Order load(UUID orderId) {
		return this.transactions.execute((status) -> {
			Order order = this.service.get(MANAGER, orderId);
			order.getTimeline().forEach(OrderEvent::getAmount);
			return order;
		});
	}

	/**
	 * Asserts that the newest event of the timeline is the action's, by that member of
	 * staff, under that key, and just now.
	 */
	private OrderEvent assertLatestEvent(Order order, OrderEventType type, Money amount, Staff staff, String key) {
		OrderEvent event = order.getTimeline().get(0);
		assertThat(event.getType()).isEqualTo(type);
		assertThat(event.getAmount()).isEqualTo(amount);
		assertThat(event.getActor()).isEqualTo(staff.username());
		assertThat(event.getIdempotencyKey()).isEqualTo(key);
		assertThat(event.getOccurredAt()).isBetween(this.clock.instant().minus(Duration.ofMinutes(1)),
				this.clock.instant());
		return event;
	}

	private static Money sek(long minorUnits) {
		return Money.of(minorUnits, SEK);
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

}
