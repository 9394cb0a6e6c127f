package org.merchantportal.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.OrderActionRefusedException.Code;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DESIGN.md "Exactly once" against the real {@link OrderService} on H2: concurrent
 * actions on one order run one after the other, a repeated idempotency key returns the
 * first result and changes nothing, and refunded never exceeds captured.
 */
@SpringBootTest
class OrderServiceConcurrencyTests {

	/** "Nordic Shoes AB" of the demo data, in SEK. */
	private static final long NORDIC = 1;

	/** "Fjord Outdoor GmbH" of the demo data, in EUR. */
	private static final long FJORD = 2;

	private static final Currency SEK = Currency.getInstance("SEK");

	/** Shirt: 2 × 300.00; Shoes: 1 × 400.00; order amount 1000.00 SEK. */
	private static final long ORDER_AMOUNT = 100_000;

	private static final Staff NORDIC_MANAGER = new Staff(NORDIC, "orders@nordic-shoes.example", Role.ORDER_MANAGER);

	private static final Staff FJORD_MANAGER = new Staff(FJORD, "orders@fjord-outdoor.example", Role.ORDER_MANAGER);

	private static final int THREADS = 20;

	@Autowired
	OrderService service;

	@Autowired
	OrderRepository orders;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	// --- Refunds ------------------------------------------------------------------

	@Test
	void twentyConcurrentFullRefundsWithDifferentKeysRefundOnceAndRefuseTheOthers() throws Exception {
		UUID orderId = createCapturedOrder();
		Money full = sek(ORDER_AMOUNT);

		List<Result<ActionOutcome>> results = race(THREADS,
				(i) -> () -> this.service.refund(NORDIC_MANAGER, orderId, newKey(), full, RefundReason.RETURNED, null));

		assertThat(succeeded(results)).hasSize(1).first().satisfies((outcome) -> {
			assertThat(outcome.action()).isEqualTo(OrderAction.REFUND);
			assertThat(outcome.amount()).isEqualTo(full);
		});
		assertThat(failed(results)).hasSize(THREADS - 1)
			.allSatisfy((error) -> assertThat(error).isInstanceOfSatisfying(OrderActionRefusedException.class,
					(refused) -> assertThat(refused.code()).isEqualTo(Code.REFUND_NOT_ALLOWED)));
		Order order = load(orderId);
		assertThat(order.getRefunded()).isEqualTo(order.getCaptured()).isEqualTo(full);
		assertThat(events(order, OrderEventType.REFUNDED)).hasSize(1);
		assertEventsAgreeWithAmounts(order);
		assertThat(keysRecordedFor(order)).isEqualTo(1);
	}

	@Test
	void twentyConcurrentRequestsWithTheSameKeyRefundOnceAndAllGetTheFirstOutcome() throws Exception {
		UUID orderId = createCapturedOrder();
		String key = newKey();
		// A partial amount: a second refund would be allowed, so a lost "exactly once"
		// would show as a second refund rather than as a refusal.
		Money amount = sek(10_000);

		List<Result<ActionOutcome>> results = race(THREADS, (i) -> () -> this.service.refund(NORDIC_MANAGER, orderId,
				key, amount, RefundReason.RETURNED, "Sent back"));

		assertThat(failed(results)).isEmpty();
		List<ActionOutcome> outcomes = succeeded(results);
		assertThat(outcomes).hasSize(THREADS).containsOnly(outcomes.get(0));
		// Every replay names the one refund (its id for the merchant API's Refund-Id).
		assertThat(outcomes.get(0)).usingRecursiveComparison()
			.ignoringFields("order")
			.isEqualTo(new ActionOutcome(OrderAction.REFUND, orderId, amount, outcomes.get(0).expiresOn(), true,
					outcomes.get(0).eventId()));
		Order order = load(orderId);
		assertThat(order.getRefunded()).isEqualTo(amount);
		assertThat(events(order, OrderEventType.REFUNDED)).singleElement().satisfies((event) -> {
			assertThat(event.getPublicId()).isEqualTo(outcomes.get(0).eventId()).isNotNull();
			assertThat(event.getAmount()).isEqualTo(amount);
			assertThat(event.getIdempotencyKey()).isEqualTo(key);
		});
		assertEventsAgreeWithAmounts(order);
	}

	@Test
	void theSameKeySentAtOnceForTwentyOrdersAppliesToOneOrderOnly() throws Exception {
		List<UUID> orderIds = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			orderIds.add(createCapturedOrder());
		}
		String key = newKey();

		List<Result<ActionOutcome>> results = race(THREADS, (i) -> () -> this.service.refund(NORDIC_MANAGER,
				orderIds.get(i), key, sek(10_000), RefundReason.RETURNED, null));

		assertThat(succeeded(results)).hasSize(1);
		assertThat(failed(results)).hasSize(THREADS - 1)
			.allSatisfy((error) -> assertThat(error).isInstanceOf(IdempotencyKeyException.class));
		long refunded = orderIds.stream().map(this::load).filter((order) -> order.getRefunded().isPositive()).count();
		assertThat(refunded).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?",
				Long.class, key))
			.isEqualTo(1);
	}

	@Test
	void theSameKeyWithOtherParametersIsRefusedAndChangesNothing() {
		UUID orderId = createCapturedOrder();
		UUID otherOrderId = createCapturedOrder();
		String key = newKey();
		ActionOutcome first = this.service.refund(NORDIC_MANAGER, orderId, key, sek(10_000), RefundReason.RETURNED,
				null);
		Order before = load(orderId);
		Order otherBefore = load(otherOrderId);

		assertThatExceptionOfType(IdempotencyKeyException.class).isThrownBy(
				() -> this.service.refund(NORDIC_MANAGER, orderId, key, sek(20_000), RefundReason.RETURNED, null));
		assertThatExceptionOfType(IdempotencyKeyException.class).isThrownBy(
				() -> this.service.refund(NORDIC_MANAGER, orderId, key, sek(10_000), RefundReason.DUPLICATE, null));
		assertThatExceptionOfType(IdempotencyKeyException.class).isThrownBy(() -> this.service.refund(NORDIC_MANAGER,
				orderId, key, sek(10_000), RefundReason.RETURNED, "Another note"));
		assertThatExceptionOfType(IdempotencyKeyException.class)
			.isThrownBy(() -> this.service.releaseRemainingAuthorization(NORDIC_MANAGER, orderId, key));
		assertThatExceptionOfType(IdempotencyKeyException.class).isThrownBy(
				() -> this.service.refund(NORDIC_MANAGER, otherOrderId, key, sek(10_000), RefundReason.RETURNED, null));

		assertUnchanged(orderId, before);
		assertUnchanged(otherOrderId, otherBefore);
		assertThat(this.service.refund(NORDIC_MANAGER, orderId, key, sek(10_000), RefundReason.RETURNED, null))
			.as("the original request is still answered with its first outcome")
			.isEqualTo(first);
		assertUnchanged(orderId, before);
	}

	@Test
	void theSameKeyWithTheNoteNullInsteadOfNoNoteIsRefused() {
		UUID orderId = createCapturedOrder();
		String key = newKey();
		this.service.refund(NORDIC_MANAGER, orderId, key, sek(10_000), RefundReason.RETURNED, null);
		Order before = load(orderId);

		assertThatExceptionOfType(IdempotencyKeyException.class)
			.as("a note of \"null\" is another request than no note")
			.isThrownBy(() -> this.service.refund(NORDIC_MANAGER, orderId, key, sek(10_000), RefundReason.RETURNED,
					"null"));
		assertUnchanged(orderId, before);
	}

	@Test
	void twentyConcurrentPartialRefundsNeverRefundMoreThanWasCaptured() throws Exception {
		UUID orderId = createCapturedOrder();
		Random random = new Random(20261101);
		// About 7,500 on average: together about 150,000, more than the 100,000 captured.
		long[] amounts = random.longs(THREADS, 1, 15_000).toArray();

		List<Result<ActionOutcome>> results = race(THREADS, (i) -> () -> this.service.refund(NORDIC_MANAGER, orderId,
				newKey(), sek(amounts[i]), RefundReason.RETURNED, null));

		List<ActionOutcome> refunds = succeeded(results);
		assertThat(refunds).isNotEmpty();
		assertThat(failed(results))
			.allSatisfy((error) -> assertThat(error).isInstanceOfSatisfying(OrderActionRefusedException.class,
					(refused) -> assertThat(refused.code()).isEqualTo(Code.REFUND_NOT_ALLOWED)));
		long refundedBySuccesses = refunds.stream().mapToLong((outcome) -> outcome.amount().minorUnits()).sum();
		Order order = load(orderId);
		assertThat(order.getRefunded()).isEqualTo(sek(refundedBySuccesses));
		assertThat(order.getRefunded().minorUnits()).isLessThanOrEqualTo(order.getCaptured().minorUnits());
		assertThat(events(order, OrderEventType.REFUNDED)).hasSize(refunds.size());
		assertEventsAgreeWithAmounts(order);
		for (int i = 0; i < THREADS; i++) {
			if (results.get(i).error() != null) {
				assertThat(amounts[i]).as("a refusal only because the amount no longer fit")
					.isGreaterThan(ORDER_AMOUNT - refundedBySuccesses);
			}
		}
	}

	// --- Cancel racing capture ------------------------------------------------------

	@Test
	void cancelRacingCaptureAppliesExactlyOneOfThemAndTheTimelineAgrees() throws Exception {
		int cancelled = 0;
		int captured = 0;
		for (int round = 0; round < 10; round++) {
			UUID orderId = createAuthorizedOrder();
			Money capture = sek(40_000);
			List<Result<ActionOutcome>> results = race(2,
					(i) -> (i == 0) ? () -> this.service.cancel(NORDIC_MANAGER, orderId, newKey())
							: () -> this.service.capture(NORDIC_MANAGER, orderId, newKey(), capture));

			assertThat(succeeded(results)).as("round %d", round).hasSize(1);
			Order order = load(orderId);
			Result<ActionOutcome> cancel = results.get(0);
			Result<ActionOutcome> capturing = results.get(1);
			if (cancel.error() == null) {
				cancelled++;
				assertThat(capturing.error()).isInstanceOfSatisfying(OrderActionRefusedException.class,
						(refused) -> assertThat(refused.code()).isEqualTo(Code.CAPTURE_NOT_ALLOWED));
				assertThat(cancel.value().amount()).isEqualTo(sek(ORDER_AMOUNT));
				assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
				assertThat(order.getCaptured()).isEqualTo(sek(0));
				assertThat(order.getReleased()).isEqualTo(sek(ORDER_AMOUNT));
				assertThat(order.getTimeline()).extracting(OrderEvent::getType)
					.containsExactly(OrderEventType.CANCELLED, OrderEventType.CREATED);
			}
			else {
				captured++;
				assertThat(cancel.error()).isInstanceOfSatisfying(OrderActionRefusedException.class,
						(refused) -> assertThat(refused.code()).isEqualTo(Code.CANCEL_NOT_ALLOWED));
				assertThat(capturing.value().amount()).isEqualTo(capture);
				assertThat(order.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
				assertThat(order.getCaptured()).isEqualTo(capture);
				assertThat(order.getReleased()).isEqualTo(sek(0));
				assertThat(order.getTimeline()).extracting(OrderEvent::getType)
					.containsExactly(OrderEventType.CAPTURED, OrderEventType.CREATED);
			}
			assertEventsAgreeWithAmounts(order);
		}
		assertThat(cancelled + captured).isEqualTo(10);
	}

	// --- Refused before anything changes ----------------------------------------------

	@Test
	void anotherMerchantsOrderIsNotFoundAndNothingChanges() {
		UUID authorized = createAuthorizedOrder();
		UUID capturedOrder = createCapturedOrder();
		Order authorizedBefore = load(authorized);
		Order capturedBefore = load(capturedOrder);
		String key = newKey();

		List<Runnable> attempts = List.of(() -> this.service.cancel(FJORD_MANAGER, authorized, key),
				() -> this.service.capture(FJORD_MANAGER, authorized, key, Money.of(100, "EUR")),
				() -> this.service.captureLines(FJORD_MANAGER, authorized, key, List.of(new LineQuantity("SHOES", 1))),
				() -> this.service.extendAuthorization(FJORD_MANAGER, authorized, key),
				() -> this.service.refund(FJORD_MANAGER, capturedOrder, key, Money.of(100, "EUR"),
						RefundReason.RETURNED, null),
				() -> this.service.refundLines(FJORD_MANAGER, capturedOrder, key, List.of(new LineQuantity("SHOES", 1)),
						RefundReason.RETURNED, null),
				() -> this.service.releaseRemainingAuthorization(FJORD_MANAGER, capturedOrder, key),
				() -> this.service.get(FJORD_MANAGER, capturedOrder));
		for (Runnable attempt : attempts) {
			assertThat(catchThrowable(attempt::run)).isInstanceOf(OrderNotFoundException.class);
		}

		assertUnchanged(authorized, authorizedBefore);
		assertUnchanged(capturedOrder, capturedBefore);
		assertThat(this.jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?",
				Long.class, key))
			.isZero();
	}

	@Test
	void aMalformedKeyIsRefusedBeforeAnythingChanges() {
		UUID authorized = createAuthorizedOrder();
		UUID partCaptured = createPartCapturedOrder();
		Order authorizedBefore = load(authorized);
		Order partCapturedBefore = load(partCaptured);
		List<String> malformed = new ArrayList<>(List.of("", "short", "a".repeat(65), "with spaces in the key 123",
				"semicolon;in-the-key-1234", "ключ-ключ-ключ-ключ", "0123456789abcde"));
		malformed.add(null);

		for (String key : malformed) {
			List<Runnable> attempts = List.of(() -> this.service.cancel(NORDIC_MANAGER, authorized, key),
					() -> this.service.capture(NORDIC_MANAGER, authorized, key, sek(1_000)),
					() -> this.service.captureLines(NORDIC_MANAGER, partCaptured, key,
							List.of(new LineQuantity("SHOES", 1))),
					() -> this.service.refund(NORDIC_MANAGER, partCaptured, key, sek(1_000), RefundReason.RETURNED,
							null),
					() -> this.service.refundLines(NORDIC_MANAGER, partCaptured, key,
							List.of(new LineQuantity("SHIRT", 1)), RefundReason.RETURNED, null),
					() -> this.service.releaseRemainingAuthorization(NORDIC_MANAGER, partCaptured, key),
					() -> this.service.extendAuthorization(NORDIC_MANAGER, authorized, key));
			for (Runnable attempt : attempts) {
				assertThat(catchThrowable(attempt::run)).as("key %s", key).isInstanceOf(IdempotencyKeyException.class);
			}
		}

		assertUnchanged(authorized, authorizedBefore);
		assertUnchanged(partCaptured, partCapturedBefore);
	}

	@Test
	void keysOfSixteenAndSixtyFourCharactersAreAccepted() {
		UUID orderId = createCapturedOrder();
		this.service.refund(NORDIC_MANAGER, orderId, "a".repeat(15) + randomSuffix(1), sek(100), RefundReason.RETURNED,
				null);
		this.service.refund(NORDIC_MANAGER, orderId, "Z_-9".repeat(15) + randomSuffix(4), sek(100),
				RefundReason.RETURNED, null);
		assertThat(load(orderId).getRefunded()).isEqualTo(sek(200));
	}

	// --- Fixtures ---------------------------------------------------------------------

	private UUID createAuthorizedOrder() {
		return save(newOrder());
	}

	private UUID createPartCapturedOrder() {
		Order order = newOrder();
		order.captureLines(List.of(new LineQuantity("SHIRT", 2)), setup(order));
		return save(order);
	}

	private UUID createCapturedOrder() {
		Order order = newOrder();
		order.capture(order.getRemaining(), setup(order));
		return save(order);
	}

	private Order newOrder() {
		Instant created = this.clock.instant().minus(Duration.ofHours(2));
		return new Order(NORDIC, "RACE-" + UUID.randomUUID().toString().substring(0, 8), "Sara Svensson",
				"sara@example.com", SEK, List.of(new OrderLine.NewLine("SHIRT", "Shirt", 2, 30_000, 2500),
						new OrderLine.NewLine("SHOES", "Shoes", 1, 40_000, 2500)),
				created);
	}

	private static Actor setup(Order order) {
		return new Actor("setup", Role.ADMIN, order.getCreatedAt().plusSeconds(60), null);
	}

	private UUID save(Order order) {
		return this.transactions.execute((status) -> this.orders.save(order).getPublicId());
	}

	/**
	 * The order with its lines and whole timeline, as its merchant's staff see it (the
	 * service reads no timeline with it: pages read one page of it).
	 */
	private Order load(UUID orderId) {
		return this.transactions.execute((status) -> {
			Order order = this.service.get(NORDIC_MANAGER, orderId);
			order.getTimeline().forEach(OrderEvent::getAmount);
			return order;
		});
	}

	private long keysRecordedFor(Order order) {
		return this.jdbc.queryForObject("select count(*) from idempotency_key where order_id = ?", Long.class,
				order.getId());
	}

	private void assertUnchanged(UUID orderId, Order before) {
		Order after = load(orderId);
		assertThat(after.state()).isEqualTo(before.state());
		assertThat(after.getStatus()).isEqualTo(before.getStatus());
		assertThat(after.getCaptured()).isEqualTo(before.getCaptured());
		assertThat(after.getRefunded()).isEqualTo(before.getRefunded());
		assertThat(after.getReleased()).isEqualTo(before.getReleased());
		assertThat(after.getAuthorizationExpiresOn()).isEqualTo(before.getAuthorizationExpiresOn());
		assertThat(after.getLines()).extracting(OrderLine::getCapturedQuantity, OrderLine::getRefundedQuantity)
			.containsExactlyElementsOf(before.getLines()
				.stream()
				.map((line) -> org.assertj.core.groups.Tuple.tuple(line.getCapturedQuantity(),
						line.getRefundedQuantity()))
				.toList());
		assertThat(after.getTimeline()).hasSameSizeAs(before.getTimeline());
		assertThat(keysRecordedFor(after)).isEqualTo(keysRecordedFor(before));
	}

	/** Every amount of the order is the sum of its timeline's events of that kind. */
	private static void assertEventsAgreeWithAmounts(Order order) {
		Map<OrderEventType, Long> sums = order.getTimeline()
			.stream()
			.filter((event) -> event.getAmount() != null)
			.collect(Collectors.groupingBy(OrderEvent::getType,
					Collectors.summingLong((event) -> event.getAmount().minorUnits())));
		assertThat(sums.getOrDefault(OrderEventType.CREATED, 0L)).isEqualTo(order.getOrderAmount().minorUnits());
		assertThat(sums.getOrDefault(OrderEventType.CAPTURED, 0L)).isEqualTo(order.getCaptured().minorUnits());
		assertThat(sums.getOrDefault(OrderEventType.REFUNDED, 0L)).isEqualTo(order.getRefunded().minorUnits());
		assertThat(sums.getOrDefault(OrderEventType.CANCELLED, 0L)
				+ sums.getOrDefault(OrderEventType.AUTHORIZATION_RELEASED, 0L)
				+ sums.getOrDefault(OrderEventType.EXPIRED, 0L))
			.isEqualTo(order.getReleased().minorUnits());
	}

	private static List<OrderEvent> events(Order order, OrderEventType type) {
		return order.getTimeline().stream().filter((event) -> event.getType() == type).toList();
	}

	private static Money sek(long minorUnits) {
		return Money.of(minorUnits, SEK);
	}

	private static String newKey() {
		return UUID.randomUUID().toString();
	}

	private static String randomSuffix(int length) {
		return UUID.randomUUID().toString().replace("-", "").substring(0, length);
	}

	/**
	 * Runs the tasks on as many threads, all released at once by a start gate, and
	 * returns each one's result or error, in task order.
	 */
	private static <T> List<Result<T>> race(int threads, IntFunction<Callable<T>> tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Result<T>>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<T> task = tasks.apply(i);
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					try {
						return new Result<T>(task.call(), null);
					}
					catch (Exception ex) {
						return new Result<T>(null, ex);
					}
				}));
			}
			assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
			start.countDown();
			List<Result<T>> results = new ArrayList<>();
			for (Future<Result<T>> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static <T> List<T> succeeded(List<Result<T>> results) {
		return results.stream().filter((result) -> result.error() == null).map(Result::value).toList();
	}

	private static <T> List<Exception> failed(List<Result<T>> results) {
		return results.stream().map(Result::error).filter((error) -> error != null).toList();
	}

	private record Result<T>(T value, Exception error) {

	}

}
