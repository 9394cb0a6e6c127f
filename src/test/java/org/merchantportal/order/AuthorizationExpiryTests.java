package org.merchantportal.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled end of authorizations that ran out, at a fixed time: an uncaptured order
 * past its expiry date becomes EXPIRED, a part-captured one CLOSED, each with an EXPIRED
 * event by "system"; everything else is left alone, and a second run finds nothing.
 */
@SpringBootTest(properties = { "portal.demo-data=false", "portal.expiry.cron=-" })
class AuthorizationExpiryTests {

	/** Today is 2026-06-15 (UTC); an authorization expiring 2026-06-14 has run out. */
	private static final Instant NOW = Instant.parse("2026-06-15T00:30:00Z");

	private static final LocalDate TODAY = LocalDate.parse("2026-06-15");

	@TestBean
	Clock clock;

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@Autowired
	AuthorizationExpiry expiry;

	@Autowired
	OrderRepository orders;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	TransactionTemplate transactions;

	private Merchant merchant;

	@BeforeEach
	void createMerchant() {
		this.merchant = this.merchants.save(new Merchant("Nordic Shoes AB", Currency.getInstance("SEK")));
		// Leave nothing due from another test: each test counts what it expires.
		this.expiry.expireDue();
	}

	@Test
	void expiresAuthorizedOrdersPastTheirExpiryDate() {
		UUID yesterday = save(expiringOn(TODAY.minusDays(1)));
		UUID longAgo = save(expiringOn(TODAY.minusDays(90)));

		assertThat(this.expiry.expireDue()).isEqualTo(2);

		for (UUID orderId : List.of(yesterday, longAgo)) {
			Order order = load(orderId);
			assertThat(order.getStatus()).isEqualTo(OrderStatus.EXPIRED);
			assertThat(order.getReleased()).isEqualTo(sek(100_000));
			assertThat(order.getCaptured()).isEqualTo(sek(0));
			assertThat(order.getRemaining()).isEqualTo(sek(0));
			assertExpiredEvent(order, sek(100_000));
			assertThat(order.availableActions(Role.ADMIN, NOW)).isEmpty();
		}
	}

	@Test
	void closesPartCapturedOrdersPastTheirExpiryDateReleasingWhatRemained() {
		Order placed = expiringOn(TODAY.minusDays(1));
		placed.capture(sek(25_000), setup(placed));
		UUID orderId = save(placed);

		assertThat(this.expiry.expireDue()).isEqualTo(1);

		Order order = load(orderId);
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CLOSED);
		assertThat(order.getCaptured()).isEqualTo(sek(25_000));
		assertThat(order.getReleased()).as("released = what remained").isEqualTo(sek(75_000));
		assertThat(order.getRemaining()).isEqualTo(sek(0));
		assertExpiredEvent(order, sek(75_000));
		assertThat(order.availableActions(Role.ADMIN, NOW)).as("what was captured can still be refunded")
			.containsExactly(OrderAction.REFUND);
	}

	@Test
	void leavesOrdersExpiringTodayOrLaterAlone() {
		Order partCapturedToday = expiringOn(TODAY);
		partCapturedToday.capture(sek(10_000), setup(partCapturedToday));
		Order extended = expiringOn(TODAY.minusDays(5));
		extended.extendAuthorization(
				new Actor("setup", Role.ADMIN, TODAY.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(), null));
		assertThat(extended.getAuthorizationExpiresOn()).isAfter(TODAY);
		List<UUID> open = List.of(save(expiringOn(TODAY)), save(partCapturedToday), save(expiringOn(TODAY.plusDays(1))),
				save(expiringOn(TODAY.plusDays(27))), save(extended));
		List<Order> before = open.stream().map(this::load).toList();

		assertThat(this.expiry.expireDue()).isZero();

		for (int i = 0; i < open.size(); i++) {
			assertUnchanged(load(open.get(i)), before.get(i));
		}
	}

	@Test
	void leavesClosedCapturedAndCancelledOrdersPastTheirExpiryDateAlone() {
		List<Order> settled = new ArrayList<>();
		Order captured = expiringOn(TODAY.minusDays(10));
		captured.capture(captured.getRemaining(), setup(captured));
		settled.add(captured);
		Order refunded = expiringOn(TODAY.minusDays(10));
		refunded.capture(refunded.getRemaining(), setup(refunded));
		refunded.refund(sek(5_000), RefundReason.RETURNED, null, setup(refunded));
		settled.add(refunded);
		Order cancelled = expiringOn(TODAY.minusDays(10));
		cancelled.cancel(setup(cancelled));
		settled.add(cancelled);
		Order closed = expiringOn(TODAY.minusDays(10));
		closed.capture(sek(50_000), setup(closed));
		closed.releaseRemainingAuthorization(setup(closed));
		settled.add(closed);
		Order expired = expiringOn(TODAY.minusDays(10));
		expired.expire(NOW.minus(Duration.ofDays(9)));
		settled.add(expired);
		List<UUID> ids = settled.stream().map(this::save).toList();
		List<Order> before = ids.stream().map(this::load).toList();
		assertThat(before).extracting(Order::getStatus)
			.containsExactly(OrderStatus.CAPTURED, OrderStatus.CAPTURED, OrderStatus.CANCELLED, OrderStatus.CLOSED,
					OrderStatus.EXPIRED);

		assertThat(this.expiry.expireDue()).isZero();

		for (int i = 0; i < ids.size(); i++) {
			assertUnchanged(load(ids.get(i)), before.get(i));
		}
	}

	@Test
	void runningItTwiceExpiresNothingMore() {
		Order partCaptured = expiringOn(TODAY.minusDays(2));
		partCaptured.capture(sek(1_000), setup(partCaptured));
		List<UUID> ids = List.of(save(expiringOn(TODAY.minusDays(1))), save(partCaptured),
				save(expiringOn(TODAY.minusDays(3))));

		assertThat(this.expiry.expireDue()).isEqualTo(3);
		List<Order> afterFirst = ids.stream().map(this::load).toList();

		assertThat(this.expiry.expireDue()).isZero();

		for (int i = 0; i < ids.size(); i++) {
			Order order = load(ids.get(i));
			assertUnchanged(order, afterFirst.get(i));
			assertThat(order.getTimeline()).filteredOn((event) -> event.getType() == OrderEventType.EXPIRED).hasSize(1);
		}
	}

	@Test
	void expiresMoreThanOneBatch() {
		List<Order> due = new ArrayList<>();
		for (int i = 0; i < 450; i++) {
			due.add(expiringOn(TODAY.minusDays(1 + i % 20)));
		}
		this.transactions.executeWithoutResult((status) -> due.forEach(this.orders::save));

		assertThat(this.expiry.expireDue()).isEqualTo(450);
		assertThat(this.expiry.expireDue()).isZero();
		assertThat(load(due.get(0).getPublicId()).getStatus()).isEqualTo(OrderStatus.EXPIRED);
		assertThat(load(due.get(449).getPublicId()).getStatus()).isEqualTo(OrderStatus.EXPIRED);
	}

	// --- Fixtures ---------------------------------------------------------------------

	/** An authorized order of 1000.00 SEK whose authorization runs to that day. */
	private Order expiringOn(LocalDate expiresOn) {
		Instant created = expiresOn.minusDays(Order.AUTHORIZATION_DAYS).atTime(9, 15).toInstant(ZoneOffset.UTC);
		Order order = new Order(this.merchant.getId(), "EXP-" + UUID.randomUUID().toString().substring(0, 8),
				"Sara Svensson", "sara@example.com", this.merchant.getCurrency(),
				List.of(new OrderLine.NewLine("SHIRT", "Shirt", 2, 30_000, 2500),
						new OrderLine.NewLine("SHOES", "Shoes", 1, 40_000, 2500)),
				created);
		assertThat(order.getAuthorizationExpiresOn()).isEqualTo(expiresOn);
		return order;
	}

	private static Actor setup(Order order) {
		return new Actor("setup", Role.ADMIN, order.getCreatedAt().plusSeconds(60), null);
	}

	private UUID save(Order order) {
		return this.transactions.execute((status) -> this.orders.save(order).getPublicId());
	}

	/** The order with its lines and timeline. */
	private Order load(UUID orderId) {
		return this.transactions.execute((status) -> {
			Order order = this.orders.findByMerchantIdAndPublicId(this.merchant.getId(), orderId).orElseThrow();
			order.getLines().size();
			order.getTimeline().forEach(OrderEvent::getAmount);
			return order;
		});
	}

	private static void assertExpiredEvent(Order order, Money released) {
		assertThat(order.getTimeline()).filteredOn((event) -> event.getType() == OrderEventType.EXPIRED)
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getAmount()).isEqualTo(released);
				assertThat(event.getActor()).isEqualTo("system");
				assertThat(event.getOccurredAt()).isEqualTo(NOW);
				assertThat(event.getIdempotencyKey()).isNull();
			});
		assertThat(order.getTimeline().get(0).getType()).isEqualTo(OrderEventType.EXPIRED);
	}

	private static void assertUnchanged(Order after, Order before) {
		assertThat(after.getStatus()).isEqualTo(before.getStatus());
		assertThat(after.state()).isEqualTo(before.state());
		assertThat(after.getReleased()).isEqualTo(before.getReleased());
		assertThat(after.getCaptured()).isEqualTo(before.getCaptured());
		assertThat(after.getAuthorizationExpiresOn()).isEqualTo(before.getAuthorizationExpiresOn());
		assertThat(after.getTimeline()).extracting(OrderEvent::getType)
			.containsExactlyElementsOf(before.getTimeline().stream().map(OrderEvent::getType).toList());
	}

	private static Money sek(long minorUnits) {
		return Money.of(minorUnits, Currency.getInstance("SEK"));
	}

}
