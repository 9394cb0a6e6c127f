package org.merchantportal.order;

import org.merchantportal.i18n.English;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.OrderActionRefusedException.Code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.merchantportal.order.OrderAction.CANCEL;
import static org.merchantportal.order.OrderAction.CAPTURE;
import static org.merchantportal.order.OrderAction.EXTEND_AUTHORIZATION;
import static org.merchantportal.order.OrderAction.REFUND;
import static org.merchantportal.order.OrderAction.RELEASE_AUTHORIZATION;

/**
 * Tests for {@link Order}: every row of DESIGN.md's lifecycle table, allowed and refused,
 * and the More actions menu that {@link Order#availableActions(Role, Instant)} computes.
 * Plain Java, no Spring.
 */
class OrderTests {

	private static final Currency SEK = Currency.getInstance("SEK");

	private static final Currency EUR = Currency.getInstance("EUR");

	/** When the order was placed. */
	private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

	/** The day after the order was placed, well within its authorization. */
	private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

	/** The last day of the authorization: created + 28 days. */
	private static final LocalDate EXPIRES_ON = LocalDate.parse("2026-11-29");

	/** The day after {@link #EXPIRES_ON}: the authorization has run out. */
	private static final Instant AFTER_EXPIRY = Instant.parse("2026-11-30T08:00:00Z");

	/** Created + 180 days: no authorization runs longer. */
	private static final LocalDate CAP = LocalDate.parse("2027-04-30");

	/** Shirt: 2 × 300.00; Shoes: 1 × 400.00; order amount 1000.00 SEK. */
	private static final long SHIRT_PRICE = 30000;

	private static final long SHOES_PRICE = 40000;

	private static final long ORDER_AMOUNT = 100000;

	private static final String VIEWER_REFUSAL = "Your role may view orders but not change them.";

	// --- Fixtures ----------------------------------------------------------------------

	static Order newOrder() {
		return new Order(42L, "ORD-1001", "Sara Svensson", "sara@example.com", SEK,
				List.of(new OrderLine.NewLine("SKU-1", "Shirt", 2, SHIRT_PRICE, 2500),
						new OrderLine.NewLine("SKU-2", "Shoes", 1, SHOES_PRICE, 2500)),
				CREATED);
	}

	/** Brings a new order into the status through the domain operations. */
	static Order orderIn(OrderStatus status) {
		return OrderFixtures.bringTo(newOrder(), status, setup(NOW));
	}

	static Actor setup(Instant at) {
		return new Actor("setup", Role.ADMIN, at, "setup-" + at);
	}

	static Actor manager(Instant at, String idempotencyKey) {
		return new Actor("anna", Role.ORDER_MANAGER, at, idempotencyKey);
	}

	static Actor manager(String idempotencyKey) {
		return manager(NOW, idempotencyKey);
	}

	static Actor viewer(Instant at) {
		return new Actor("victor", Role.VIEWER, at, "viewer-key");
	}

	static Money sek(long minorUnits) {
		return Money.of(minorUnits, SEK);
	}

	static List<LineQuantity> lines(String reference, int quantity) {
		return List.of(new LineQuantity(reference, quantity));
	}

	static List<LineQuantity> lines(String reference1, int quantity1, String reference2, int quantity2) {
		return List.of(new LineQuantity(reference1, quantity1), new LineQuantity(reference2, quantity2));
	}

	static OrderLine line(Order order, String reference) {
		return order.getLines()
			.stream()
			.filter((line) -> line.getReference().equals(reference))
			.findFirst()
			.orElseThrow();
	}

	static Instant day(int daysAfterCreation) {
		return CREATED.plus(java.time.Duration.ofDays(daysAfterCreation));
	}

	/** Everything about an order that an operation could change. */
	record Snapshot(OrderStatus status, Money orderAmount, Money captured, Money refunded, Money released,
			Money remaining, Money refundable, LocalDate expiresOn, List<String> lines, List<OrderEvent> timeline) {

		static Snapshot of(Order order) {
			List<String> lines = order.getLines()
				.stream()
				.map((line) -> line.getReference() + ":" + line.getQuantity() + "/" + line.getCapturedQuantity() + "/"
						+ line.getRefundedQuantity())
				.toList();
			return new Snapshot(order.getStatus(), order.getOrderAmount(), order.getCaptured(), order.getRefunded(),
					order.getReleased(), order.getRemaining(), order.getRefundable(), order.getAuthorizationExpiresOn(),
					lines, order.getTimeline());
		}

	}

	/** Asserts the refusal, and that it changed nothing at all. */
	static void assertRefused(Order order, Code code, String message, String field, ThrowingCallable operation) {
		Snapshot before = Snapshot.of(order);
		assertThatExceptionOfType(OrderActionRefusedException.class).isThrownBy(operation).satisfies((ex) -> {
			assertThat(ex.code()).isEqualTo(code);
			assertThat(English.of(ex)).isEqualTo(message);
			assertThat(ex.field()).isEqualTo(field);
			assertThat(ex.isAboutInput()).isEqualTo(field != null);
		});
		assertThat(Snapshot.of(order)).isEqualTo(before);
	}

	/** Asserts that exactly one event was appended, and returns it. */
	static OrderEvent assertOneEventAppended(Order order, int timelineSizeBefore, OrderEventType type, Money amount,
			RefundReason reason, String note, Actor actor) {
		List<OrderEvent> timeline = order.getTimeline();
		assertThat(timeline).hasSize(timelineSizeBefore + 1);
		OrderEvent event = timeline.get(0);
		assertThat(event.getType()).isEqualTo(type);
		assertThat(event.getAmount()).isEqualTo(amount);
		assertThat(event.getReason()).isEqualTo(reason);
		assertThat(event.getNote()).isEqualTo(note);
		assertThat(event.getActor()).isEqualTo(actor.username());
		assertThat(event.getOccurredAt()).isEqualTo(actor.at());
		assertThat(event.getIdempotencyKey()).isEqualTo(actor.idempotencyKey());
		return event;
	}

	static void assertAmounts(Order order, long captured, long refunded, long released) {
		assertThat(order.getOrderAmount()).isEqualTo(sek(ORDER_AMOUNT));
		assertThat(order.getCaptured()).isEqualTo(sek(captured));
		assertThat(order.getRefunded()).isEqualTo(sek(refunded));
		assertThat(order.getReleased()).isEqualTo(sek(released));
		assertThat(order.getRemaining()).isEqualTo(sek(ORDER_AMOUNT - captured - released));
		assertThat(order.getRefundable()).isEqualTo(sek(captured - refunded));
	}

	// --- A new order -------------------------------------------------------------------

	@Test
	void newOrderIsAuthorizedForTheSumOfItsLinesWithOneCreatedEvent() {
		Order order = newOrder();
		assertThat(order.getStatus()).isEqualTo(OrderStatus.AUTHORIZED);
		assertAmounts(order, 0, 0, 0);
		assertThat(order.getCurrency()).isEqualTo(SEK);
		assertThat(order.getCreatedAt()).isEqualTo(CREATED);
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(EXPIRES_ON);
		assertThat(order.getPublicId()).isNotNull();
		assertThat(order.getLines()).extracting(OrderLine::getReference).containsExactly("SKU-1", "SKU-2");
		assertThat(order.getLines()).allSatisfy((line) -> {
			assertThat(line.getCapturedQuantity()).isZero();
			assertThat(line.getRefundedQuantity()).isZero();
		});
		assertThat(line(order, "SKU-1").getTotal()).isEqualTo(sek(2 * SHIRT_PRICE));
		List<OrderEvent> timeline = order.getTimeline();
		assertThat(timeline).hasSize(1);
		OrderEvent created = timeline.get(0);
		assertThat(created.getType()).isEqualTo(OrderEventType.CREATED);
		assertThat(created.getAmount()).isEqualTo(sek(ORDER_AMOUNT));
		assertThat(created.getReason()).isNull();
		assertThat(created.getNote()).isNull();
		assertThat(created.getActor()).isEqualTo(Actor.SYSTEM);
		assertThat(created.getOccurredAt()).isEqualTo(CREATED);
		assertThat(created.getIdempotencyKey()).isNull();
	}

	@Test
	void refusesOrderWithoutLines() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Order(42L, "ORD-1", "Sara", "sara@example.com", SEK, List.of(), CREATED));
	}

	@Test
	void timelineListsNewestEventFirst() {
		Order order = newOrder();
		order.capture(sek(50000), manager(NOW, "k1"));
		order.refund(sek(10000), RefundReason.RETURNED, null, manager(day(2), "k2"));
		order.releaseRemainingAuthorization(manager(day(3), "k3"));
		assertThat(order.getTimeline()).extracting(OrderEvent::getType)
			.containsExactly(OrderEventType.AUTHORIZATION_RELEASED, OrderEventType.REFUNDED, OrderEventType.CAPTURED,
					OrderEventType.CREATED);
		assertThat(order.getTimeline()).extracting(OrderEvent::getIdempotencyKey)
			.containsExactly("k3", "k2", "k1", null);
	}

	@Test
	void timelineCannotBeChangedFromOutside() {
		Order order = newOrder();
		order.getTimeline().clear();
		assertThat(order.getTimeline()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> order.getLines().clear());
	}

	// --- cancel ------------------------------------------------------------------------

	@Test
	void cancelsAuthorizedOrderAndReleasesItsWholeAmount() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager("cancel-1");
		order.cancel(actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertAmounts(order, 0, 0, ORDER_AMOUNT);
		assertThat(order.getRemaining().isZero()).isTrue();
		OrderEvent event = assertOneEventAppended(order, 1, OrderEventType.CANCELLED, sek(ORDER_AMOUNT), null, null,
				actor);
		assertThat(event.getDetail()).isNull();
	}

	@Test
	void cancelsAuthorizedOrderWhoseExpiryDatePassedButThatWasNotYetExpired() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager(AFTER_EXPIRY, "cancel-late");
		order.cancel(actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
		assertAmounts(order, 0, 0, ORDER_AMOUNT);
		assertOneEventAppended(order, 1, OrderEventType.CANCELLED, sek(ORDER_AMOUNT), null, null, actor);
	}

	@Test
	void refusesCancelOfPartCapturedOrder() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order has captures: refund it instead", null,
				() -> order.cancel(manager("k")));
	}

	@Test
	void refusesCancelOfCapturedOrder() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order has captures: refund it instead", null,
				() -> order.cancel(manager("k")));
	}

	@Test
	void refusesCancelOfFullyRefundedOrder() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refund(order.getRefundable(), RefundReason.RETURNED, null, setup(NOW));
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order has captures: refund it instead", null,
				() -> order.cancel(manager("k")));
	}

	@Test
	void refusesCancelOfCancelledOrder() {
		Order order = orderIn(OrderStatus.CANCELLED);
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order is already cancelled", null,
				() -> order.cancel(manager("k")));
	}

	@Test
	void refusesCancelOfExpiredOrder() {
		Order order = orderIn(OrderStatus.EXPIRED);
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order is expired", null,
				() -> order.cancel(manager(AFTER_EXPIRY, "k")));
	}

	@Test
	void refusesCancelOfClosedOrder() {
		Order order = orderIn(OrderStatus.CLOSED);
		assertRefused(order, Code.CANCEL_NOT_ALLOWED, "Order has captures: refund it instead", null,
				() -> order.cancel(manager("k")));
	}

	// --- capture(amount) ---------------------------------------------------------------

	@Test
	void capturesPartOfAuthorizedOrder() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager("capture-1");
		order.capture(sek(25000), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, 25000, 0, 0);
		assertThat(order.getLines()).allSatisfy((line) -> assertThat(line.getCapturedQuantity()).isZero());
		OrderEvent event = assertOneEventAppended(order, 1, OrderEventType.CAPTURED, sek(25000), null, null, actor);
		assertThat(event.getDetail()).isNull();
	}

	@Test
	void capturesFullRemainingOfAuthorizedOrderAndMarksAllLinesCaptured() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager("capture-all");
		order.capture(sek(ORDER_AMOUNT), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertAmounts(order, ORDER_AMOUNT, 0, 0);
		assertThat(order.getLines())
			.allSatisfy((line) -> assertThat(line.getCapturedQuantity()).isEqualTo(line.getQuantity()));
		assertOneEventAppended(order, 1, OrderEventType.CAPTURED, sek(ORDER_AMOUNT), null, null, actor);
	}

	@Test
	void capturesMoreOfPartCapturedOrderWithoutCompletingIt() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("capture-2");
		order.capture(sek(20000), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, SHIRT_PRICE + 20000, 0, 0);
		assertOneEventAppended(order, before, OrderEventType.CAPTURED, sek(20000), null, null, actor);
	}

	@Test
	void capturesRestOfPartCapturedOrderAndMarksAllLinesCaptured() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("capture-rest");
		order.capture(sek(ORDER_AMOUNT - SHIRT_PRICE), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertAmounts(order, ORDER_AMOUNT, 0, 0);
		assertThat(line(order, "SKU-1").getCapturedQuantity()).isEqualTo(2);
		assertThat(line(order, "SKU-2").getCapturedQuantity()).isEqualTo(1);
		assertOneEventAppended(order, before, OrderEventType.CAPTURED, sek(ORDER_AMOUNT - SHIRT_PRICE), null, null,
				actor);
	}

	@Test
	void capturesOnTheLastDayOfTheAuthorization() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager(Instant.parse("2026-11-29T23:59:59Z"), "last-day");
		order.capture(sek(1), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertOneEventAppended(order, 1, OrderEventType.CAPTURED, sek(1), null, null, actor);
	}

	@Test
	void refusesCaptureAfterTheExpiryDateEvenThoughStatusIsStillAuthorized() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "The authorization expired on 2026-11-29", null,
				() -> order.capture(sek(1000), manager(AFTER_EXPIRY, "k")));
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "The authorization expired on 2026-11-29", null,
				() -> order.captureLines(lines("SKU-1", 1), manager(AFTER_EXPIRY, "k")));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.AUTHORIZED);
	}

	@Test
	void refusesCaptureOfPartCapturedOrderAfterTheExpiryDate() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "The authorization expired on 2026-11-29", null,
				() -> order.capture(sek(1000), manager(AFTER_EXPIRY, "k")));
	}

	@Test
	void refusesCaptureOfCapturedOrder() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Nothing is left to capture: order is fully captured", null,
				() -> order.capture(sek(1), manager("k")));
	}

	@Test
	void refusesCaptureOfCancelledOrder() {
		Order order = orderIn(OrderStatus.CANCELLED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Nothing is left to capture: order is cancelled", null,
				() -> order.capture(sek(1), manager("k")));
	}

	@Test
	void refusesCaptureOfExpiredOrder() {
		Order order = orderIn(OrderStatus.EXPIRED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Nothing is left to capture: order is expired", null,
				() -> order.capture(sek(1), manager("k")));
	}

	@Test
	void refusesCaptureOfClosedOrder() {
		Order order = orderIn(OrderStatus.CLOSED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Nothing is left to capture: order is closed", null,
				() -> order.capture(sek(1), manager("k")));
	}

	@Test
	void refusesCaptureOfOneMinorUnitMoreThanTheRemaining() {
		Order authorized = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(authorized, Code.CAPTURE_NOT_ALLOWED, "The most you can capture is SEK\u00a01,000.00", "amount",
				() -> authorized.capture(sek(ORDER_AMOUNT + 1), manager("k")));
		Order partCaptured = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(partCaptured, Code.CAPTURE_NOT_ALLOWED, "The most you can capture is SEK\u00a0700.00", "amount",
				() -> partCaptured.capture(sek(ORDER_AMOUNT - SHIRT_PRICE + 1), manager("k")));
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, -100000 })
	void refusesCaptureOfZeroOrNegativeAmount(long minorUnits) {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Enter an amount above zero", "amount",
				() -> order.capture(sek(minorUnits), manager("k")));
	}

	@Test
	void refusesCaptureInAnotherCurrency() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "The amount must be in SEK, the order's currency", "amount",
				() -> order.capture(Money.of(1000, EUR), manager("k")));
	}

	@Test
	void refusesCaptureWithoutAmount() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Enter an amount", "amount",
				() -> order.capture(null, manager("k")));
	}

	// --- captureLines
	// --------------------------------------------------------------------

	@Test
	void capturesLinesForTheSumOfTheirPrices() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager("capture-lines");
		order.captureLines(lines("SKU-1", 1, "SKU-2", 1), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, SHIRT_PRICE + SHOES_PRICE, 0, 0);
		assertThat(line(order, "SKU-1").getCapturedQuantity()).isEqualTo(1);
		assertThat(line(order, "SKU-1").getCapturableQuantity()).isEqualTo(1);
		assertThat(line(order, "SKU-2").getCapturedQuantity()).isEqualTo(1);
		OrderEvent event = assertOneEventAppended(order, 1, OrderEventType.CAPTURED, sek(SHIRT_PRICE + SHOES_PRICE),
				null, null, actor);
		assertThat(event.getDetail()).isEqualTo("1 × Shirt, 1 × Shoes");
	}

	@Test
	void capturingEveryLineCapturesTheOrder() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("capture-lines-rest");
		order.captureLines(lines("SKU-1", 1, "SKU-2", 1), actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertAmounts(order, ORDER_AMOUNT, 0, 0);
		assertOneEventAppended(order, before, OrderEventType.CAPTURED, sek(SHIRT_PRICE + SHOES_PRICE), null, null,
				actor);
	}

	@Test
	void ignoresLinesWithZeroQuantityInACapture() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.captureLines(lines("SKU-1", 0, "SKU-2", 1), manager("k"));
		assertAmounts(order, SHOES_PRICE, 0, 0);
		assertThat(line(order, "SKU-1").getCapturedQuantity()).isZero();
		assertThat(order.getTimeline().get(0).getDetail()).isEqualTo("1 × Shoes");
	}

	@Test
	void refusesCaptureOfLinesBeyondTheirQuantity() {
		Order authorized = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(authorized, Code.CAPTURE_NOT_ALLOWED, "Only 2 of Shirt can be captured", "lines",
				() -> authorized.captureLines(lines("SKU-1", 3), manager("k")));
		Order partCaptured = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(partCaptured, Code.CAPTURE_NOT_ALLOWED, "Only 1 of Shirt can be captured", "lines",
				() -> partCaptured.captureLines(lines("SKU-1", 2), manager("k")));
	}

	@Test
	void refusesCaptureOfUnknownLine() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "The order has no line SKU-9", "lines",
				() -> order.captureLines(lines("SKU-1", 1, "SKU-9", 1), manager("k")));
	}

	@Test
	void refusesCaptureNamingALineTwice() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Line SKU-1 is named twice", "lines",
				() -> order.captureLines(lines("SKU-1", 1, "SKU-1", 1), manager("k")));
	}

	@Test
	void refusesCaptureOfNegativeLineQuantity() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Quantities cannot be negative", "lines",
				() -> order.captureLines(lines("SKU-1", 1, "SKU-2", -1), manager("k")));
	}

	@Test
	void refusesCaptureOfNoLines() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		String message = "Choose at least one line and quantity";
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, message, "lines",
				() -> order.captureLines(List.of(), manager("k")));
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, message, "lines", () -> order.captureLines(null, manager("k")));
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, message, "lines",
				() -> order.captureLines(lines("SKU-1", 0, "SKU-2", 0), manager("k")));
	}

	@Test
	void refusesCaptureOfLinesAboveTheRemainingAfterACaptureByAmount() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.capture(sek(50000), setup(NOW));
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED,
				"These lines come to SEK\u00a0600.00: the most you can capture is SEK\u00a0500.00", "lines",
				() -> order.captureLines(lines("SKU-1", 2), manager("k")));
	}

	@ParameterizedTest
	@EnumSource(value = OrderStatus.class, names = { "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED" })
	void refusesCaptureOfLinesOfAnOrderThatIsNotOpen(OrderStatus status) {
		Order order = orderIn(status);
		String described = switch (status) {
			case CAPTURED -> "fully captured";
			case CANCELLED -> "cancelled";
			case EXPIRED -> "expired";
			default -> "closed";
		};
		assertRefused(order, Code.CAPTURE_NOT_ALLOWED, "Nothing is left to capture: order is " + described, null,
				() -> order.captureLines(lines("SKU-2", 1), manager("k")));
	}

	// --- refund(amount)
	// ------------------------------------------------------------------

	@Test
	void refundsPartOfCapturedOrderAndKeepsItsStatus() {
		Order order = orderIn(OrderStatus.CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager(day(5), "refund-1");
		order.refund(sek(10000), RefundReason.RETURNED, null, actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertAmounts(order, ORDER_AMOUNT, 10000, 0);
		assertThat(order.getLines()).allSatisfy((line) -> assertThat(line.getRefundedQuantity()).isZero());
		OrderEvent event = assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(10000),
				RefundReason.RETURNED, null, actor);
		assertThat(event.getDetail()).isNull();
	}

	@Test
	void refundsPartCapturedOrderAndKeepsItsStatus() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("refund-part");
		order.refund(sek(5000), RefundReason.CANCELLED_BY_CUSTOMER, null, actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, SHIRT_PRICE, 5000, 0);
		assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(5000), RefundReason.CANCELLED_BY_CUSTOMER,
				null, actor);
	}

	@Test
	void refundsClosedOrderAndKeepsItsStatus() {
		Order order = orderIn(OrderStatus.CLOSED);
		int before = order.getTimeline().size();
		Actor actor = manager("refund-closed");
		order.refund(sek(SHIRT_PRICE), RefundReason.DUPLICATE, null, actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertAmounts(order, SHIRT_PRICE, SHIRT_PRICE, ORDER_AMOUNT - SHIRT_PRICE);
		assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(SHIRT_PRICE), RefundReason.DUPLICATE, null,
				actor);
	}

	@Test
	void refundsOrderClosedByExpiry() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		order.expire(AFTER_EXPIRY);
		int before = order.getTimeline().size();
		Actor actor = manager(day(40), "refund-expired");
		order.refund(sek(1), RefundReason.FRAUD, null, actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertAmounts(order, SHIRT_PRICE, 1, ORDER_AMOUNT - SHIRT_PRICE);
		assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(1), RefundReason.FRAUD, null, actor);
	}

	@Test
	void refundsExactlyTheRefundableAmount() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refund(sek(20000), RefundReason.RETURNED, null, setup(NOW));
		int before = order.getTimeline().size();
		Actor actor = manager("refund-rest");
		order.refund(sek(ORDER_AMOUNT - 20000), RefundReason.RETURNED, null, actor);
		assertAmounts(order, ORDER_AMOUNT, ORDER_AMOUNT, 0);
		assertThat(order.getRefundable().isZero()).isTrue();
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(ORDER_AMOUNT - 20000), RefundReason.RETURNED,
				null, actor);
	}

	@Test
	void refusesRefundOfOneMinorUnitMoreThanTheRefundable() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "The most you can refund is SEK\u00a0300.00", "amount",
				() -> order.refund(sek(SHIRT_PRICE + 1), RefundReason.RETURNED, null, manager("k")));
		order.refund(sek(10000), RefundReason.RETURNED, null, setup(NOW));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "The most you can refund is SEK\u00a0200.00", "amount",
				() -> order.refund(sek(20001), RefundReason.RETURNED, null, manager("k")));
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, -100000 })
	void refusesRefundOfZeroOrNegativeAmount(long minorUnits) {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Enter an amount above zero", "amount",
				() -> order.refund(sek(minorUnits), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundInAnotherCurrency() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "The amount must be in SEK, the order's currency", "amount",
				() -> order.refund(Money.of(100, EUR), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundWithoutAmount() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Enter an amount", "amount",
				() -> order.refund(null, RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfAuthorizedOrder() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Order has no captures: cancel it instead", null,
				() -> order.refund(sek(100), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfCancelledOrder() {
		Order order = orderIn(OrderStatus.CANCELLED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Order has no captures: nothing to refund", null,
				() -> order.refund(sek(100), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfExpiredOrder() {
		Order order = orderIn(OrderStatus.EXPIRED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Order has no captures: nothing to refund", null,
				() -> order.refund(sek(100), RefundReason.RETURNED, null, manager(AFTER_EXPIRY, "k")));
	}

	@Test
	void refusesRefundOfFullyRefundedOrder() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refund(order.getRefundable(), RefundReason.RETURNED, null, setup(NOW));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Order is fully refunded", null,
				() -> order.refund(sek(1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundWithoutReason() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Choose a reason for the refund", "reason",
				() -> order.refund(sek(100), null, "a note", manager("k")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t\n" })
	void refusesRefundForOtherReasonWithoutNote(String blank) {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Add a note to explain the refund", "note",
				() -> order.refund(sek(100), RefundReason.OTHER, null, manager("k")));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Add a note to explain the refund", "note",
				() -> order.refund(sek(100), RefundReason.OTHER, blank, manager("k")));
	}

	@Test
	void refundsForOtherReasonWithANoteAndRecordsItStripped() {
		Order order = orderIn(OrderStatus.CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("refund-other");
		order.refund(sek(100), RefundReason.OTHER, "  Goodwill after late delivery  ", actor);
		assertAmounts(order, ORDER_AMOUNT, 100, 0);
		assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(100), RefundReason.OTHER,
				"Goodwill after late delivery", actor);
	}

	@Test
	void recordsAnOptionalNoteForOtherReasonsAndDropsABlankOne() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refund(sek(100), RefundReason.RETURNED, "Arrived damaged", manager("k1"));
		assertThat(order.getTimeline().get(0).getNote()).isEqualTo("Arrived damaged");
		order.refund(sek(100), RefundReason.RETURNED, "   ", manager("k2"));
		assertThat(order.getTimeline().get(0).getNote()).isNull();
	}

	@Test
	void acceptsANoteOfExactly500Characters() {
		Order order = orderIn(OrderStatus.CAPTURED);
		String note = "n".repeat(500);
		order.refund(sek(100), RefundReason.OTHER, note, manager("k"));
		assertThat(order.getTimeline().get(0).getNote()).isEqualTo(note);
	}

	@ParameterizedTest
	@EnumSource(RefundReason.class)
	void refusesANoteOver500Characters(RefundReason reason) {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Keep the note to 500 characters", "note",
				() -> order.refund(sek(100), reason, "n".repeat(501), manager("k")));
	}

	// --- refundLines
	// ---------------------------------------------------------------------

	@Test
	void refundsLinesAfterCaptureOfTheFullRemainingByAmount() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.capture(order.getRemaining(), setup(NOW));
		int before = order.getTimeline().size();
		Actor actor = manager("refund-lines");
		order.refundLines(lines("SKU-2", 1), RefundReason.RETURNED, null, actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
		assertAmounts(order, ORDER_AMOUNT, SHOES_PRICE, 0);
		assertThat(line(order, "SKU-2").getRefundedQuantity()).isEqualTo(1);
		assertThat(line(order, "SKU-2").getRefundableQuantity()).isZero();
		assertThat(line(order, "SKU-1").getRefundedQuantity()).isZero();
		OrderEvent event = assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(SHOES_PRICE),
				RefundReason.RETURNED, null, actor);
		assertThat(event.getDetail()).isEqualTo("1 × Shoes");
	}

	@Test
	void capturesByLinesThenRefundsByLines() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.captureLines(lines("SKU-1", 2), setup(NOW));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("refund-shirt");
		order.refundLines(lines("SKU-1", 1), RefundReason.OTHER, "Wrong size", actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, 2 * SHIRT_PRICE, SHIRT_PRICE, 0);
		assertThat(line(order, "SKU-1").getRefundedQuantity()).isEqualTo(1);
		assertThat(line(order, "SKU-1").getRefundableQuantity()).isEqualTo(1);
		OrderEvent event = assertOneEventAppended(order, before, OrderEventType.REFUNDED, sek(SHIRT_PRICE),
				RefundReason.OTHER, "Wrong size", actor);
		assertThat(event.getDetail()).isEqualTo("1 × Shirt");
	}

	@Test
	void refusesRefundOfLinesBeyondTheirCapturedQuantity() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Only 1 of Shirt can be refunded", "lines",
				() -> order.refundLines(lines("SKU-1", 2), RefundReason.RETURNED, null, manager("k")));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Only 0 of Shoes can be refunded", "lines",
				() -> order.refundLines(lines("SKU-2", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfALineAlreadyRefunded() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refundLines(lines("SKU-1", 2), RefundReason.RETURNED, null, setup(NOW));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Only 0 of Shirt can be refunded", "lines",
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfLinesOfAPartCaptureByAmount() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.capture(sek(SHIRT_PRICE), setup(NOW));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Only 0 of Shirt can be refunded", "lines",
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfUnknownLine() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "The order has no line SKU-9", "lines",
				() -> order.refundLines(lines("SKU-9", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundNamingALineTwice() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Line SKU-1 is named twice", "lines",
				() -> order.refundLines(lines("SKU-1", 1, "SKU-1", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfNegativeLineQuantity() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Quantities cannot be negative", "lines",
				() -> order.refundLines(lines("SKU-1", -1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfNoLines() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Choose at least one line and quantity", "lines",
				() -> order.refundLines(List.of(), RefundReason.RETURNED, null, manager("k")));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Choose at least one line and quantity", "lines",
				() -> order.refundLines(lines("SKU-1", 0), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfLinesAboveTheRefundableAmount() {
		Order order = orderIn(OrderStatus.CAPTURED);
		order.refund(sek(80000), RefundReason.RETURNED, null, setup(NOW));
		assertRefused(order, Code.REFUND_NOT_ALLOWED,
				"These lines come to SEK\u00a0300.00: the most you can refund is SEK\u00a0200.00", "lines",
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refusesRefundOfLinesWithoutReasonOrNote() {
		Order order = orderIn(OrderStatus.CAPTURED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Choose a reason for the refund", "reason",
				() -> order.refundLines(lines("SKU-1", 1), null, null, manager("k")));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Add a note to explain the refund", "note",
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.OTHER, " ", manager("k")));
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Keep the note to 500 characters", "note",
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.OTHER, "n".repeat(501), manager("k")));
	}

	@Test
	void refusesRefundOfLinesOfAuthorizedOrder() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(order, Code.REFUND_NOT_ALLOWED, "Order has no captures: cancel it instead", null,
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("k")));
	}

	@Test
	void refundedNeverExceedsCaptured() {
		Order order = orderIn(OrderStatus.CAPTURED);
		List<ThrowingCallable> attempts = List.of(
				() -> order.refund(sek(30000), RefundReason.RETURNED, null, manager("a1")),
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("a2")),
				() -> order.refund(sek(50000), RefundReason.RETURNED, null, manager("a3")),
				() -> order.refundLines(lines("SKU-1", 1, "SKU-2", 1), RefundReason.RETURNED, null, manager("a4")),
				() -> order.refundLines(lines("SKU-2", 1), RefundReason.RETURNED, null, manager("a5")),
				() -> order.refund(sek(1), RefundReason.RETURNED, null, manager("a6")),
				() -> order.refundLines(lines("SKU-1", 1), RefundReason.RETURNED, null, manager("a7")));
		List<Boolean> succeeded = new ArrayList<>();
		for (ThrowingCallable attempt : attempts) {
			Throwable thrown = catchThrowable(attempt);
			if (thrown != null) {
				assertThat(thrown).isInstanceOf(OrderActionRefusedException.class);
			}
			succeeded.add(thrown == null);
			assertThat(order.getRefunded().isGreaterThan(order.getCaptured())).isFalse();
			assertThat(order.getRefundable().minorUnits()).isNotNegative();
			assertThat(order.getLines()).allSatisfy(
					(line) -> assertThat(line.getRefundedQuantity()).isLessThanOrEqualTo(line.getCapturedQuantity()));
		}
		assertThat(succeeded).containsExactly(true, true, false, false, true, false, false);
		assertAmounts(order, ORDER_AMOUNT, ORDER_AMOUNT, 0);
		assertThat(order.getTimeline()).filteredOn((event) -> event.getType() == OrderEventType.REFUNDED).hasSize(3);
	}

	// --- releaseRemainingAuthorization
	// ---------------------------------------------------

	@Test
	void releasesRemainingAuthorizationOfPartCapturedOrderWhichClosesIt() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager("release-1");
		order.releaseRemainingAuthorization(actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertAmounts(order, SHIRT_PRICE, 0, ORDER_AMOUNT - SHIRT_PRICE);
		assertThat(order.getRemaining().isZero()).isTrue();
		assertOneEventAppended(order, before, OrderEventType.AUTHORIZATION_RELEASED, sek(ORDER_AMOUNT - SHIRT_PRICE),
				null, null, actor);
	}

	@Test
	void releasesRemainingAuthorizationOfPartCapturedOrderPastItsExpiryDate() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager(AFTER_EXPIRY, "release-late");
		order.releaseRemainingAuthorization(actor);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertAmounts(order, SHIRT_PRICE, 0, ORDER_AMOUNT - SHIRT_PRICE);
		assertOneEventAppended(order, before, OrderEventType.AUTHORIZATION_RELEASED, sek(ORDER_AMOUNT - SHIRT_PRICE),
				null, null, actor);
	}

	@ParameterizedTest
	@EnumSource(value = OrderStatus.class, names = { "AUTHORIZED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED" })
	void refusesReleaseOfAnOrderThatIsNotPartCaptured(OrderStatus status) {
		Order order = orderIn(status);
		assertRefused(order, Code.NOT_ALLOWED, "Only a part-captured order has a remaining authorization to release",
				null, () -> order.releaseRemainingAuthorization(manager("k")));
	}

	// --- extendAuthorization
	// -------------------------------------------------------------

	@Test
	void extendsAuthorizationTo28DaysFromToday() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Actor actor = manager(Instant.parse("2026-11-11T12:00:00Z"), "extend-1");
		assertThat(order.getExtendedExpiry(actor.at())).isEqualTo(LocalDate.parse("2026-12-09"));
		assertThat(order.extendAuthorization(actor)).isTrue();
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(LocalDate.parse("2026-12-09"));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.AUTHORIZED);
		assertAmounts(order, 0, 0, 0);
		OrderEvent event = assertOneEventAppended(order, 1, OrderEventType.AUTHORIZATION_EXTENDED, null, null, null,
				actor);
		assertThat(event.getDetail()).isEqualTo("2026-12-09");
	}

	@Test
	void extendsAuthorizationOfPartCapturedOrder() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		int before = order.getTimeline().size();
		Actor actor = manager(day(20), "extend-part");
		assertThat(order.extendAuthorization(actor)).isTrue();
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(EXPIRES_ON.plusDays(20));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertAmounts(order, SHIRT_PRICE, 0, 0);
		assertOneEventAppended(order, before, OrderEventType.AUTHORIZATION_EXTENDED, null, null, null, actor);
	}

	@Test
	void extendsAuthorizationOnItsLastDay() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertThat(order.extendAuthorization(manager(Instant.parse("2026-11-29T23:00:00Z"), "k"))).isTrue();
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(LocalDate.parse("2026-12-27"));
	}

	@Test
	void secondExtendOnTheSameDayChangesNothingAndRecordsNothing() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertThat(order.extendAuthorization(manager(Instant.parse("2026-11-11T08:00:00Z"), "k1"))).isTrue();
		Snapshot before = Snapshot.of(order);
		assertThat(order.extendAuthorization(manager(Instant.parse("2026-11-11T20:00:00Z"), "k2"))).isFalse();
		assertThat(Snapshot.of(order)).isEqualTo(before);
		assertThat(order.getTimeline()).hasSize(2);
	}

	@Test
	void extendOnTheDayTheOrderWasPlacedChangesNothing() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		Snapshot before = Snapshot.of(order);
		assertThat(order.extendAuthorization(manager(CREATED, "k"))).isFalse();
		assertThat(Snapshot.of(order)).isEqualTo(before);
	}

	@Test
	void capsExtensionAt180DaysAfterTheOrderWasPlaced() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		for (int day = 27; day <= 135; day += 27) {
			assertThat(order.extendAuthorization(manager(day(day), "extend-" + day))).isTrue();
			assertThat(order.getAuthorizationExpiresOn()).isEqualTo(LocalDate.parse("2026-11-01").plusDays(day + 28));
		}
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(LocalDate.parse("2026-11-01").plusDays(163));
		int before = order.getTimeline().size();
		Actor nearCap = manager(day(160), "extend-near-cap");
		assertThat(order.getExtendedExpiry(nearCap.at())).isEqualTo(CAP);
		assertThat(order.extendAuthorization(nearCap)).isTrue();
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(CAP);
		OrderEvent event = assertOneEventAppended(order, before, OrderEventType.AUTHORIZATION_EXTENDED, null, null,
				null, nearCap);
		assertThat(event.getDetail()).isEqualTo("2027-04-30");
		Snapshot capped = Snapshot.of(order);
		assertThat(order.extendAuthorization(manager(day(175), "extend-past-cap"))).isFalse();
		assertThat(Snapshot.of(order)).isEqualTo(capped);
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(CAP);
	}

	@Test
	void extendedAuthorizationCanBeCapturedAfterTheOriginalExpiryDate() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.extendAuthorization(manager(day(20), "k1"));
		order.capture(sek(1000), manager(AFTER_EXPIRY, "k2"));
		assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertRefused(order, Code.NOT_ALLOWED,
				"Order " + order.getPublicId() + " is not an authorization past its expiry", null,
				() -> order.expire(AFTER_EXPIRY));
	}

	@Test
	void refusesExtendOfExpiredAuthorization() {
		Order authorized = orderIn(OrderStatus.AUTHORIZED);
		assertRefused(authorized, Code.NOT_ALLOWED, "The authorization expired on 2026-11-29", null,
				() -> authorized.extendAuthorization(manager(AFTER_EXPIRY, "k")));
		Order partCaptured = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(partCaptured, Code.NOT_ALLOWED, "The authorization expired on 2026-11-29", null,
				() -> partCaptured.extendAuthorization(manager(AFTER_EXPIRY, "k")));
	}

	@ParameterizedTest
	@EnumSource(value = OrderStatus.class, names = { "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED" })
	void refusesExtendOfAnOrderThatIsNotOpen(OrderStatus status) {
		Order order = orderIn(status);
		String described = switch (status) {
			case CAPTURED -> "fully captured";
			case CANCELLED -> "cancelled";
			case EXPIRED -> "expired";
			default -> "closed";
		};
		assertRefused(order, Code.NOT_ALLOWED, "The authorization cannot be extended: order is " + described, null,
				() -> order.extendAuthorization(manager(day(10), "k")));
	}

	// --- expire
	// --------------------------------------------------------------------------

	@Test
	void expiresAuthorizedOrderPastItsExpiryDate() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.expire(AFTER_EXPIRY);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.EXPIRED);
		assertAmounts(order, 0, 0, ORDER_AMOUNT);
		assertThat(order.getRemaining().isZero()).isTrue();
		assertOneEventAppended(order, 1, OrderEventType.EXPIRED, sek(ORDER_AMOUNT), null, null,
				Actor.system(AFTER_EXPIRY));
	}

	@Test
	void closesPartCapturedOrderPastItsExpiryDateReleasingTheRemaining() {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		Money remaining = order.getRemaining();
		int before = order.getTimeline().size();
		order.expire(AFTER_EXPIRY);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertThat(order.getReleased()).isEqualTo(remaining);
		assertAmounts(order, SHIRT_PRICE, 0, ORDER_AMOUNT - SHIRT_PRICE);
		assertOneEventAppended(order, before, OrderEventType.EXPIRED, remaining, null, null,
				Actor.system(AFTER_EXPIRY));
	}

	@Test
	void refusesExpireBeforeTheExpiryDate() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		String message = "Order " + order.getPublicId() + " is not an authorization past its expiry";
		assertRefused(order, Code.NOT_ALLOWED, message, null, () -> order.expire(NOW));
		assertRefused(order, Code.NOT_ALLOWED, message, null,
				() -> order.expire(Instant.parse("2026-11-29T23:59:59Z")));
		Order partCaptured = orderIn(OrderStatus.PART_CAPTURED);
		assertRefused(partCaptured, Code.NOT_ALLOWED,
				"Order " + partCaptured.getPublicId() + " is not an authorization past its expiry", null,
				() -> partCaptured.expire(NOW));
	}

	@ParameterizedTest
	@EnumSource(value = OrderStatus.class, names = { "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED" })
	void refusesExpireOfAnOrderThatIsNotOpen(OrderStatus status) {
		Order order = orderIn(status);
		assertRefused(order, Code.NOT_ALLOWED,
				"Order " + order.getPublicId() + " is not an authorization past its expiry", null,
				() -> order.expire(day(400)));
	}

	// --- isExpiringSoon
	// ------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-26T00:00:00Z", "2026-11-27T12:00:00Z", "2026-11-29T23:59:59Z" })
	void flagsOpenAuthorizationExpiringWithinThreeDays(String now) {
		assertThat(orderIn(OrderStatus.AUTHORIZED).isExpiringSoon(Instant.parse(now))).isTrue();
		assertThat(orderIn(OrderStatus.PART_CAPTURED).isExpiringSoon(Instant.parse(now))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-01T10:00:00Z", "2026-11-25T23:59:59Z", "2026-11-30T00:00:00Z" })
	void doesNotFlagAuthorizationFurtherAwayOrAlreadyExpired(String now) {
		assertThat(orderIn(OrderStatus.AUTHORIZED).isExpiringSoon(Instant.parse(now))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = OrderStatus.class, names = { "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED" })
	void doesNotFlagOrderThatIsNotOpen(OrderStatus status) {
		assertThat(orderIn(status).isExpiringSoon(Instant.parse("2026-11-27T12:00:00Z"))).isFalse();
	}

	@Test
	void tellsWhetherTheAuthorizationExpired() {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		assertThat(order.isAuthorizationExpired(Instant.parse("2026-11-29T23:59:59Z"))).isFalse();
		assertThat(order.isAuthorizationExpired(AFTER_EXPIRY)).isTrue();
	}

	// --- The More actions menu
	// -----------------------------------------------------------

	/**
	 * Orders in every state the menu distinguishes, and what ADMIN and ORDER_MANAGER see.
	 */
	enum Scenario {

		AUTHORIZED(NOW, Set.of(CAPTURE, CANCEL, EXTEND_AUTHORIZATION)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.AUTHORIZED);
			}
		},

		AUTHORIZED_PAST_EXPIRY_DATE(AFTER_EXPIRY, Set.of(CANCEL)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.AUTHORIZED);
			}
		},

		PART_CAPTURED(NOW, Set.of(CAPTURE, REFUND, RELEASE_AUTHORIZATION, EXTEND_AUTHORIZATION)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.PART_CAPTURED);
			}
		},

		PART_CAPTURED_FULLY_REFUNDED(NOW, Set.of(CAPTURE, RELEASE_AUTHORIZATION, EXTEND_AUTHORIZATION)) {
			@Override
			Order build() {
				Order order = orderIn(OrderStatus.PART_CAPTURED);
				order.refund(order.getRefundable(), RefundReason.RETURNED, null, setup(NOW));
				return order;
			}
		},

		PART_CAPTURED_PAST_EXPIRY_DATE(AFTER_EXPIRY, Set.of(REFUND, RELEASE_AUTHORIZATION)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.PART_CAPTURED);
			}
		},

		CAPTURED(NOW, Set.of(REFUND)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.CAPTURED);
			}
		},

		CAPTURED_PART_REFUNDED(NOW, Set.of(REFUND)) {
			@Override
			Order build() {
				Order order = orderIn(OrderStatus.CAPTURED);
				order.refundLines(lines("SKU-2", 1), RefundReason.RETURNED, null, setup(NOW));
				return order;
			}
		},

		CAPTURED_FULLY_REFUNDED(NOW, Set.of()) {
			@Override
			Order build() {
				Order order = orderIn(OrderStatus.CAPTURED);
				order.refund(order.getRefundable(), RefundReason.RETURNED, null, setup(NOW));
				return order;
			}
		},

		CANCELLED(NOW, Set.of()) {
			@Override
			Order build() {
				return orderIn(OrderStatus.CANCELLED);
			}
		},

		EXPIRED(AFTER_EXPIRY, Set.of()) {
			@Override
			Order build() {
				return orderIn(OrderStatus.EXPIRED);
			}
		},

		CLOSED_BY_RELEASE(NOW, Set.of(REFUND)) {
			@Override
			Order build() {
				return orderIn(OrderStatus.CLOSED);
			}
		},

		CLOSED_BY_EXPIRY(AFTER_EXPIRY, Set.of(REFUND)) {
			@Override
			Order build() {
				Order order = orderIn(OrderStatus.PART_CAPTURED);
				order.expire(AFTER_EXPIRY);
				return order;
			}
		},

		CLOSED_FULLY_REFUNDED(NOW, Set.of()) {
			@Override
			Order build() {
				Order order = orderIn(OrderStatus.CLOSED);
				order.refund(order.getRefundable(), RefundReason.RETURNED, null, setup(NOW));
				return order;
			}
		};

		final Instant now;

		final Set<OrderAction> menu;

		Scenario(Instant now, Set<OrderAction> menu) {
			this.now = now;
			this.menu = menu;
		}

		abstract Order build();

	}

	/**
	 * One way of asking for each action, with input that is valid whenever the state
	 * allows it.
	 */
	enum Attempt {

		CANCEL(OrderAction.CANCEL, Code.CANCEL_NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				order.cancel(actor);
				return true;
			}
		},

		CAPTURE_AMOUNT(OrderAction.CAPTURE, Code.CAPTURE_NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				order.capture(sek(1), actor);
				return true;
			}
		},

		CAPTURE_LINES(OrderAction.CAPTURE, Code.CAPTURE_NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				String reference = order.getLines()
					.stream()
					.filter((line) -> line.getCapturableQuantity() > 0)
					.map(OrderLine::getReference)
					.findFirst()
					.orElse("SKU-1");
				order.captureLines(lines(reference, 1), actor);
				return true;
			}
		},

		REFUND_AMOUNT(OrderAction.REFUND, Code.REFUND_NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				order.refund(sek(1), RefundReason.RETURNED, null, actor);
				return true;
			}
		},

		REFUND_LINES(OrderAction.REFUND, Code.REFUND_NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				String reference = order.getLines()
					.stream()
					.filter((line) -> line.getRefundableQuantity() > 0)
					.map(OrderLine::getReference)
					.findFirst()
					.orElse("SKU-1");
				order.refundLines(lines(reference, 1), RefundReason.OTHER, "Returned in store", actor);
				return true;
			}
		},

		RELEASE(OrderAction.RELEASE_AUTHORIZATION, Code.NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				order.releaseRemainingAuthorization(actor);
				return true;
			}
		},

		EXTEND(OrderAction.EXTEND_AUTHORIZATION, Code.NOT_ALLOWED) {
			@Override
			boolean run(Order order, Actor actor) {
				return order.extendAuthorization(actor);
			}
		};

		final OrderAction action;

		final Code code;

		Attempt(OrderAction action, Code code) {
			this.action = action;
			this.code = code;
		}

		/** Runs the operation; returns whether it recorded an event. */
		abstract boolean run(Order order, Actor actor);

	}

	static Stream<Arguments> scenariosAndActingRoles() {
		return Arrays.stream(Scenario.values())
			.flatMap((scenario) -> Stream.of(Role.ADMIN, Role.ORDER_MANAGER)
				.map((role) -> Arguments.of(scenario, role)));
	}

	static Stream<Arguments> scenariosRolesAndAttempts() {
		return Arrays.stream(Scenario.values())
			.flatMap((scenario) -> Arrays.stream(Role.values())
				.flatMap((role) -> Arrays.stream(Attempt.values())
					.map((attempt) -> Arguments.of(scenario, role, attempt))));
	}

	static Stream<Arguments> scenariosAndAttempts() {
		return Arrays.stream(Scenario.values())
			.flatMap((scenario) -> Arrays.stream(Attempt.values()).map((attempt) -> Arguments.of(scenario, attempt)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("scenariosAndActingRoles")
	void offersTheActionsOfTheMoreActionsMenuTable(Scenario scenario, Role role) {
		Order order = scenario.build();
		assertThat(order.availableActions(role, scenario.now)).isEqualTo(scenario.menu);
	}

	@Test
	void offersCaptureCancelAndExtendForAuthorizedOrder() {
		assertThat(orderIn(OrderStatus.AUTHORIZED).availableActions(Role.ORDER_MANAGER, NOW))
			.containsExactlyInAnyOrder(CAPTURE, CANCEL, EXTEND_AUTHORIZATION);
	}

	@Test
	void offersCaptureRefundReleaseAndExtendForPartCapturedOrder() {
		assertThat(orderIn(OrderStatus.PART_CAPTURED).availableActions(Role.ADMIN, NOW))
			.containsExactlyInAnyOrder(CAPTURE, REFUND, RELEASE_AUTHORIZATION, EXTEND_AUTHORIZATION);
	}

	@Test
	void offersOnlyRefundForCapturedOrClosedOrderWithSomethingToRefund() {
		assertThat(orderIn(OrderStatus.CAPTURED).availableActions(Role.ADMIN, NOW)).containsExactly(REFUND);
		assertThat(orderIn(OrderStatus.CLOSED).availableActions(Role.ORDER_MANAGER, NOW)).containsExactly(REFUND);
	}

	@Test
	void offersNothingForFullyRefundedCancelledOrExpiredOrder() {
		assertThat(Scenario.CAPTURED_FULLY_REFUNDED.build().availableActions(Role.ADMIN, NOW)).isEmpty();
		assertThat(Scenario.CLOSED_FULLY_REFUNDED.build().availableActions(Role.ADMIN, NOW)).isEmpty();
		assertThat(orderIn(OrderStatus.CANCELLED).availableActions(Role.ADMIN, NOW)).isEmpty();
		assertThat(orderIn(OrderStatus.EXPIRED).availableActions(Role.ADMIN, AFTER_EXPIRY)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Scenario.class)
	void offersViewerNoActionsInAnyState(Scenario scenario) {
		assertThat(scenario.build().availableActions(Role.VIEWER, scenario.now)).isEmpty();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("scenariosAndAttempts")
	void refusesEveryOperationByAViewer(Scenario scenario, Attempt attempt) {
		Order order = scenario.build();
		assertRefused(order, attempt.code, VIEWER_REFUSAL, null, () -> attempt.run(order, viewer(scenario.now)));
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@MethodSource("scenariosRolesAndAttempts")
	void offersAnActionIfAndOnlyIfTheOperationSucceeds(Scenario scenario, Role role, Attempt attempt) {
		Order order = scenario.build();
		boolean offered = order.availableActions(role, scenario.now).contains(attempt.action);
		Snapshot before = Snapshot.of(order);
		Actor actor = new Actor("someone", role, scenario.now, "attempt-key");
		boolean[] recorded = new boolean[1];
		Throwable thrown = catchThrowable(() -> recorded[0] = attempt.run(order, actor));
		if (offered) {
			assertThat(thrown).as("%s is offered, so it must succeed", attempt.action).isNull();
			assertThat(order.getTimeline()).hasSize(before.timeline().size() + (recorded[0] ? 1 : 0));
			if (recorded[0]) {
				assertThat(order.getTimeline().get(0).getIdempotencyKey()).isEqualTo("attempt-key");
			}
		}
		else {
			assertThat(thrown).as("%s is not offered, so it must be refused", attempt.action)
				.isInstanceOfSatisfying(OrderActionRefusedException.class, (ex) -> {
					assertThat(ex.code()).isEqualTo(attempt.code);
					assertThat(ex.field()).as("refused for the order's state, not the input").isNull();
				});
			assertThat(Snapshot.of(order)).isEqualTo(before);
		}
	}

}
