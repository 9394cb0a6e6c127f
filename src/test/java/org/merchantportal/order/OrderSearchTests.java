package org.merchantportal.order;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Orders page's query on H2: newest first, keyset pages that visit every order once,
 * the filters and the prefix search, only the merchant's own orders, and one SQL
 * statement per page.
 */
@SpringBootTest(properties = { "portal.demo-data=false", "portal.expiry.cron=-",
		"spring.jpa.properties.hibernate.generate_statistics=true",
		"logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=WARN" })
class OrderSearchTests {

	private static final Instant BASE = Instant.parse("2026-03-10T12:00:00Z");

	@Autowired
	OrderSearch search;

	@Autowired
	OrderRepository orders;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	private Merchant merchant;

	private Merchant otherMerchant;

	@BeforeEach
	void createMerchants() {
		// Fresh merchants per test: the database lives as long as the Spring context.
		this.merchant = this.merchants.save(new Merchant("Nordic Shoes AB", Currency.getInstance("SEK")));
		this.otherMerchant = this.merchants.save(new Merchant("Fjord Outdoor GmbH", Currency.getInstance("EUR")));
	}

	// --- Order and pages -----------------------------------------------------------

	@Test
	void listsNewestFirstAndTiesByPublicId() {
		List<Instant> times = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			times.add(BASE.plus(Duration.ofMinutes(i % 5)));
		}
		Collections.shuffle(times, new Random(7));
		List<Order> saved = saveAll(times.stream().map((time) -> order(this.merchant, "NS-" + time, time)).toList());

		OrderSearch.OrderPage page = this.search.find(this.merchant.getId(), OrderFilter.none(), 50);

		assertThat(page.next()).isNull();
		assertThat(page.orders()).extracting(OrderSummary::publicId).containsExactlyElementsOf(newestFirst(saved));
	}

	@Test
	void keysetPagesVisitEveryOrderExactlyOnceEvenWhenManyShareTheirCreationTime() {
		List<Order> created = new ArrayList<>();
		Random random = new Random(42);
		for (int i = 0; i < 125; i++) {
			// Six distinct instants only: ties everywhere, also across page boundaries.
			Instant time = BASE.plus(Duration.ofSeconds(random.nextInt(6)));
			created.add(order(this.merchant, "NS-" + i, time));
		}
		List<UUID> expected = newestFirst(saveAll(created));

		for (int size : new int[] { 1, 7, 10, 25, 50, 124, 125, 126 }) {
			List<UUID> walked = walk(OrderFilter.none(), size);
			assertThat(walked).as("pages of %d", size).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
		}
	}

	@Test
	void keysetPagesOfAFilteredListVisitEveryMatchExactlyOnce() {
		List<Order> created = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			Instant time = BASE.plus(Duration.ofSeconds(i % 4));
			Order order = order(this.merchant, ((i % 2 == 0) ? "EVEN-" : "ODD-") + i, time);
			if (i % 3 == 0) {
				order.capture(order.getRemaining(), setup(order));
			}
			created.add(order);
		}
		List<Order> saved = saveAll(created);
		List<UUID> expected = newestFirst(saved.stream()
			.filter((order) -> order.getMerchantReference().startsWith("EVEN-"))
			.filter((order) -> order.getStatus() == OrderStatus.AUTHORIZED)
			.toList());

		OrderFilter filter = filter("even-", OrderStatus.AUTHORIZED, "2026-03-10", "2026-03-10");

		assertThat(expected).hasSize(20);
		assertThat(walk(filter, 3)).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
	}

	@Test
	void aLastFullPageHasNoNextCursor() {
		saveAll(List.of(order(this.merchant, "A", BASE), order(this.merchant, "B", BASE),
				order(this.merchant, "C", BASE.plusSeconds(1)), order(this.merchant, "D", BASE.plusSeconds(1))));

		OrderSearch.OrderPage first = this.search.find(this.merchant.getId(), OrderFilter.none(), 2);
		OrderSearch.OrderPage second = this.search.find(this.merchant.getId(),
				OrderFilter.none().startingAfter(first.next()), 2);

		assertThat(first.next()).isNotNull();
		assertThat(second.orders()).hasSize(2);
		assertThat(second.next()).isNull();
	}

	// --- Filters --------------------------------------------------------------------

	@Test
	void filtersByStatus() {
		List<Order> saved = saveAll(List.of(inStatus(OrderStatus.AUTHORIZED, "S-1"),
				inStatus(OrderStatus.PART_CAPTURED, "S-2"), inStatus(OrderStatus.CAPTURED, "S-3"),
				inStatus(OrderStatus.CANCELLED, "S-4"), inStatus(OrderStatus.EXPIRED, "S-5"),
				inStatus(OrderStatus.CLOSED, "S-6"), inStatus(OrderStatus.CAPTURED, "S-7")));

		for (OrderStatus status : OrderStatus.values()) {
			List<OrderSummary> found = find(new OrderFilter(null, status, null, null, null));
			assertThat(found).as("status %s", status)
				.isNotEmpty()
				.allSatisfy((order) -> assertThat(order.status()).isEqualTo(status))
				.extracting(OrderSummary::publicId)
				.containsExactlyElementsOf(
						newestFirst(saved.stream().filter((order) -> order.getStatus() == status).toList()));
		}
		assertThat(find(filter(null, OrderStatus.CAPTURED, null, null))).extracting(OrderSummary::merchantReference)
			.containsExactlyInAnyOrder("S-3", "S-7");
	}

	@Test
	void filtersByUtcDaysWithBothEndsInclusive() {
		saveAll(List.of(order(this.merchant, "BEFORE", Instant.parse("2026-03-09T23:59:59.999999Z")),
				order(this.merchant, "FIRST-DAY-START", Instant.parse("2026-03-10T00:00:00Z")),
				order(this.merchant, "MIDDLE", Instant.parse("2026-03-11T12:00:00Z")),
				order(this.merchant, "LAST-DAY-END", Instant.parse("2026-03-12T23:59:59.999999Z")),
				order(this.merchant, "AFTER", Instant.parse("2026-03-13T00:00:00Z"))));

		assertThat(find(filter(null, null, "2026-03-10", "2026-03-12"))).extracting(OrderSummary::merchantReference)
			.containsExactly("LAST-DAY-END", "MIDDLE", "FIRST-DAY-START");
		assertThat(find(filter(null, null, "2026-03-12", "2026-03-12"))).extracting(OrderSummary::merchantReference)
			.containsExactly("LAST-DAY-END");
		assertThat(find(filter(null, null, "2026-03-11", null))).extracting(OrderSummary::merchantReference)
			.containsExactly("AFTER", "LAST-DAY-END", "MIDDLE");
		assertThat(find(filter(null, null, null, "2026-03-10"))).extracting(OrderSummary::merchantReference)
			.containsExactly("FIRST-DAY-START", "BEFORE");
	}

	@Test
	void filtersByDaysOfTheReadersTimeZone() {
		// 2026-03-10 in Stockholm (UTC+1 in March) runs from 2026-03-09T23:00Z to
		// 2026-03-10T23:00Z.
		saveAll(List.of(order(this.merchant, "STOCKHOLM-EVE", Instant.parse("2026-03-09T22:59:59Z")),
				order(this.merchant, "STOCKHOLM-MIDNIGHT", Instant.parse("2026-03-09T23:00:00Z")),
				order(this.merchant, "UTC-LATE-EVENING", Instant.parse("2026-03-10T22:30:00Z")),
				order(this.merchant, "STOCKHOLM-NEXT-DAY", Instant.parse("2026-03-10T23:00:00Z"))));
		OrderFilter tenthOfMarch = filter(null, null, "2026-03-10", "2026-03-10");

		assertThat(find(tenthOfMarch.inZone(ZoneId.of("Europe/Stockholm")))).extracting(OrderSummary::merchantReference)
			.containsExactly("UTC-LATE-EVENING", "STOCKHOLM-MIDNIGHT");
		assertThat(find(tenthOfMarch)).as("in UTC")
			.extracting(OrderSummary::merchantReference)
			.containsExactly("STOCKHOLM-NEXT-DAY", "UTC-LATE-EVENING");
	}

	// --- Search -----------------------------------------------------------------------

	@Test
	void searchesCaseInsensitivePrefixesOfReferenceOrderIdEmailAndName() {
		Order anna = order(this.merchant, "NS-10001", "Anna Svensson", "anna.svensson@example.se", BASE);
		Order asa = order(this.merchant, "NS-20002", "Åsa Öberg", "asa@example.se", BASE.plusSeconds(1));
		Order bjorn = order(this.merchant, "WEB-30003", "Björn Berg", "bjorn.berg@example.no", BASE.plusSeconds(2));
		saveAll(List.of(anna, asa, bjorn));
		String annaId = anna.getPublicId().toString();

		assertThat(references("ns-1")).containsExactly("NS-10001");
		assertThat(references("NS-")).containsExactly("NS-20002", "NS-10001");
		assertThat(references("Ns-2000")).containsExactly("NS-20002");
		assertThat(references("  web-30003  ")).containsExactly("WEB-30003");
		assertThat(references(annaId.substring(0, 8))).containsExactly("NS-10001");
		assertThat(references(annaId.substring(0, 8).toUpperCase(Locale.ROOT))).containsExactly("NS-10001");
		assertThat(references(annaId)).containsExactly("NS-10001");
		assertThat(references("ANNA.SVENSSON@")).containsExactly("NS-10001");
		assertThat(references("bjorn.berg@example.no")).containsExactly("WEB-30003");
		assertThat(references("anna sv")).containsExactly("NS-10001");
		assertThat(references("BJÖRN")).containsExactly("WEB-30003");
		assertThat(references("åsa ö")).containsExactly("NS-20002");
		assertThat(references("ÅSA")).containsExactly("NS-20002");
		assertThat(references("Svens")).as("by surname").containsExactly("NS-10001");
		assertThat(references("öberg")).as("by surname").containsExactly("NS-20002");
	}

	@Test
	void searchMatchesOnlyAtTheStartNotInside() {
		Order anna = order(this.merchant, "NS-10001", "Anna Svensson", "anna.svensson@example.se", BASE);
		saveAll(List.of(anna));

		assertThat(references("10001")).isEmpty();
		assertThat(references("vensson")).isEmpty();
		assertThat(references("example.se")).isEmpty();
		assertThat(references("nna")).isEmpty();
		assertThat(references(anna.getPublicId().toString().substring(1, 9))).isEmpty();
		assertThat(references("NS-10001X")).isEmpty();
	}

	@Test
	void likeWildcardsInTheSearchAreLiteral() {
		saveAll(List.of(order(this.merchant, "50%OFF-1", BASE), order(this.merchant, "50_OFF-2", BASE.plusSeconds(1)),
				order(this.merchant, "50XOFF-3", BASE.plusSeconds(2)),
				order(this.merchant, "500-4", BASE.plusSeconds(3)),
				order(this.merchant, "A\\B-5", BASE.plusSeconds(4))));

		assertThat(references("50%")).containsExactly("50%OFF-1");
		assertThat(references("50_")).containsExactly("50_OFF-2");
		assertThat(references("%")).isEmpty();
		assertThat(references("_")).isEmpty();
		assertThat(references("%OFF")).isEmpty();
		assertThat(references("5_%")).isEmpty();
		assertThat(references("a\\")).containsExactly("A\\B-5");
		assertThat(references("\\")).isEmpty();
		assertThat(references("50")).containsExactly("500-4", "50XOFF-3", "50_OFF-2", "50%OFF-1");
	}

	@Test
	void anEndDateAndACursorTogetherListFromWhicheverComesFirst() {
		saveAll(List.of(order(this.merchant, "DAY-9", Instant.parse("2026-03-09T10:00:00Z")),
				order(this.merchant, "DAY-10", Instant.parse("2026-03-10T10:00:00Z")),
				order(this.merchant, "DAY-11", Instant.parse("2026-03-11T10:00:00Z")),
				order(this.merchant, "DAY-12", Instant.parse("2026-03-12T10:00:00Z"))));
		UUID highest = UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff");

		OrderFilter cursorFirst = new OrderFilter(null, null, null, LocalDate.parse("2026-03-12"),
				new OrderFilter.Cursor(Instant.parse("2026-03-11T10:00:00Z"), highest));
		OrderFilter endDateFirst = new OrderFilter(null, null, null, LocalDate.parse("2026-03-10"),
				new OrderFilter.Cursor(Instant.parse("2026-03-12T10:00:00Z"), highest));

		assertThat(find(cursorFirst)).extracting(OrderSummary::merchantReference)
			.containsExactly("DAY-11", "DAY-10", "DAY-9");
		assertThat(find(endDateFirst)).extracting(OrderSummary::merchantReference).containsExactly("DAY-10", "DAY-9");
	}

	@Test
	void aPrefixRangeEndsAboveEveryTextStartingWithThePrefix() {
		assertThat(OrderSearch.Syntax.above("anna")).isEqualTo("annb");
		assertThat(OrderSearch.Syntax.above("ns-")).isEqualTo("ns.");
		assertThat(OrderSearch.Syntax.above("åsa ö")).isEqualTo("åsa ÷");
		assertThat(OrderSearch.Syntax.above("a\ud7ff")).as("past the surrogates").isEqualTo("a\ue000");
		assertThat(OrderSearch.Syntax.above("a\ud83d\ude00")).as("an emoji").isEqualTo("a\ud83d\ude01");
		assertThat(OrderSearch.Syntax.above("a\uffff")).as("nothing simple above: the LIKE alone decides").isNull();
	}

	@Test
	void searchesATermEndingInAnyCharacterExactly() {
		saveAll(List.of(order(this.merchant, "X\u00ff-1", BASE), order(this.merchant, "X\uffff-2", BASE.plusSeconds(1)),
				order(this.merchant, "X\ud83d\ude00-3", BASE.plusSeconds(2)),
				order(this.merchant, "Y-4", BASE.plusSeconds(3))));

		assertThat(references("x\u00ff")).containsExactly("X\u00ff-1");
		assertThat(references("x\uffff")).containsExactly("X\uffff-2");
		assertThat(references("x\ud83d\ude00")).containsExactly("X\ud83d\ude00-3");
		assertThat(references("x")).containsExactly("X\ud83d\ude00-3", "X\uffff-2", "X\u00ff-1");
	}

	@Test
	void anEndDateAtTheEndOfTimeIsRefusedAsAFilterOrFindsNothingButNeverFails() {
		saveAll(List.of(order(this.merchant, "X-1", BASE)));

		// "/orders?to=%2B999999999-12-31" parses to LocalDate.MAX; "to" is inclusive,
		// so the query needs the day after it, which does not exist.
		Throwable thrown = catchThrowable(
				() -> this.search.find(this.merchant.getId(), filter(null, null, null, "+999999999-12-31"), 50));

		assertThat(thrown).as("an unknown exception is an HTTP 500")
			.satisfiesAnyOf((error) -> assertThat(error).isNull(),
					(error) -> assertThat(error).isInstanceOf(InvalidFilterException.class));
	}

	// --- Tenancy ---------------------------------------------------------------------

	@Test
	void neverShowsAnotherMerchantsOrders() {
		List<Order> own = saveAll(
				List.of(order(this.merchant, "SAME-1", BASE), order(this.merchant, "SAME-2", BASE.plusSeconds(2))));
		Order foreign = order(this.otherMerchant, "SAME-3", "Anna Svensson", "anna@example.com", BASE.plusSeconds(1));
		saveAll(List.of(foreign, order(this.otherMerchant, "SAME-4", BASE.plusSeconds(3))));

		assertThat(find(OrderFilter.none())).extracting(OrderSummary::publicId)
			.containsExactlyElementsOf(newestFirst(own));
		assertThat(references("same")).containsExactly("SAME-2", "SAME-1");
		assertThat(references("anna")).isEmpty();
		assertThat(references(foreign.getPublicId().toString())).isEmpty();
		assertThat(find(filter(null, OrderStatus.AUTHORIZED, "2026-03-10", "2026-03-10")))
			.extracting(OrderSummary::merchantReference)
			.containsExactly("SAME-2", "SAME-1");
		assertThat(walk(OrderFilter.none(), 1)).containsExactlyElementsOf(newestFirst(own));
		// A cursor taken from the other merchant's list still shows only one's own.
		OrderFilter.Cursor foreignCursor = OrderFilter.Cursor
			.of(this.search.find(this.otherMerchant.getId(), OrderFilter.none(), 50).orders().get(0));
		assertThat(
				this.search.find(this.merchant.getId(), OrderFilter.none().startingAfter(foreignCursor), 50).orders())
			.extracting(OrderSummary::publicId)
			.isSubsetOf(own.stream().map(Order::getPublicId).toList());
	}

	// --- One statement per page -----------------------------------------------------

	@Test
	void aPageOfFiftyRowsWithEverythingTheRowShowsIsOneSqlStatement() {
		List<Order> created = new ArrayList<>();
		OrderStatus[] statuses = OrderStatus.values();
		Instant now = Instant.now();
		for (int i = 0; i < 60; i++) {
			Order order = inStatus(statuses[i % statuses.length], "ROW-" + i,
					now.minus(Duration.ofDays(26)).plus(Duration.ofMinutes(i)));
			if (order.getStatus() == OrderStatus.CAPTURED && i % 2 == 0) {
				order.refund(Money.of(1_000, order.getCurrency()), RefundReason.RETURNED, null, later(order));
			}
			created.add(order);
		}
		saveAll(created);
		OrderFilter.Cursor cursor = this.search.find(this.merchant.getId(), OrderFilter.none(), 5).next();
		Statistics statistics = statistics();

		for (OrderFilter filter : List.of(OrderFilter.none(), OrderFilter.none().startingAfter(cursor),
				filter("row-", null, null, null), new OrderFilter("ROW", OrderStatus.AUTHORIZED,
						LocalDate.now().minusDays(30), LocalDate.now(), cursor))) {
			statistics.clear();
			// Inside a transaction, so that a lazy load would be counted, not thrown.
			int rows = this.transactions.execute((status) -> readEveryRowField(filter, now));
			assertThat(rows).as("rows for %s", filter).isPositive();
			assertThat(statistics.getPrepareStatementCount()).as("statements for %s", filter).isEqualTo(1);
			assertThat(statistics.getCollectionFetchCount()).isZero();
		}

		statistics.clear();
		// As the controller does it (no open session in view): nothing lazy is touched.
		assertThat(readEveryRowField(OrderFilter.none(), now)).isEqualTo(50);
		assertThat(statistics.getPrepareStatementCount()).isEqualTo(1);
	}

	/** Reads what a row of the Orders page shows, and its More actions menu. */
	private int readEveryRowField(OrderFilter filter, Instant now) {
		OrderSearch.OrderPage page = this.search.find(this.merchant.getId(), filter, 50);
		List<String> cells = new ArrayList<>();
		for (OrderSummary order : page.orders()) {
			cells.add(order.createdAt().toString());
			cells.add(order.merchantReference());
			cells.add(order.publicId().toString());
			cells.add(order.customerName());
			cells.add(order.customerEmail());
			cells.add(order.orderAmount().toString());
			cells.add(order.captured().toString());
			cells.add(order.refunded().toString());
			cells.add(order.remaining().toString());
			cells.add(order.refundable().toString());
			cells.add(order.status().name());
			cells.add(order.authorizationExpiresOn().toString());
			cells.add(Boolean.toString(order.state().isExpiringSoon(now)));
			cells.add(order.availableActions(Role.ORDER_MANAGER, now).toString());
			cells.add(order.availableActions(Role.VIEWER, now).toString());
		}
		if (page.next() != null) {
			cells.add(page.next().encode());
		}
		assertThat(cells).doesNotContainNull();
		return page.orders().size();
	}

	// --- Fixtures ---------------------------------------------------------------------

	private Statistics statistics() {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		assertThat(statistics.isStatisticsEnabled()).isTrue();
		return statistics;
	}

	private static OrderFilter filter(String query, OrderStatus status, String from, String to) {
		return new OrderFilter(query, status, (from != null) ? LocalDate.parse(from) : null,
				(to != null) ? LocalDate.parse(to) : null, null);
	}

	private List<String> references(String query) {
		return find(new OrderFilter(query, null, null, null, null)).stream()
			.map(OrderSummary::merchantReference)
			.toList();
	}

	private List<OrderSummary> find(OrderFilter filter) {
		return this.search.find(this.merchant.getId(), filter, 50).orders();
	}

	/** Follows the next-page cursors, through their URL form, to the end. */
	private List<UUID> walk(OrderFilter filter, int size) {
		List<UUID> ids = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		OrderFilter current = filter;
		while (true) {
			OrderSearch.OrderPage page = this.search.find(this.merchant.getId(), current, size);
			assertThat(page.orders().size()).isLessThanOrEqualTo(size);
			page.orders().forEach((order) -> ids.add(order.publicId()));
			if (page.next() == null) {
				return ids;
			}
			assertThat(page.orders()).hasSize(size);
			String encoded = page.next().encode();
			assertThat(cursors.add(encoded)).as("a cursor seen before").isTrue();
			// As the next page link carries it: encoded, then parsed.
			current = filter.startingAfter(OrderFilter.Cursor.parse(encoded));
		}
	}

	private static List<UUID> newestFirst(List<Order> orders) {
		return orders.stream()
			.sorted(Comparator.comparing(Order::getCreatedAt)
				.thenComparing((Order order) -> order.getPublicId().toString())
				.reversed())
			.map(Order::getPublicId)
			.toList();
	}

	private List<Order> saveAll(List<Order> orders) {
		return this.transactions.execute((status) -> orders.stream().map(this.orders::save).toList());
	}

	private static Order order(Merchant merchant, String reference, Instant createdAt) {
		return order(merchant, reference, "Customer " + reference, "customer-" + reference + "@example.com", createdAt);
	}

	private static Order order(Merchant merchant, String reference, String name, String email, Instant createdAt) {
		return new Order(merchant.getId(), reference, name, email, merchant.getCurrency(),
				List.of(new OrderLine.NewLine("SHIRT", "Shirt", 2, 30_000, 2500),
						new OrderLine.NewLine("SHOES", "Shoes", 1, 40_000, 2500)),
				createdAt);
	}

	private Order inStatus(OrderStatus status, String reference) {
		return inStatus(status, reference, BASE.plusSeconds(reference.hashCode() & 0xff));
	}

	/** An order brought into the status through the domain's operations. */
	private Order inStatus(OrderStatus status, String reference, Instant createdAt) {
		Order order = order(this.merchant, reference, createdAt);
		Actor setup = setup(order);
		switch (status) {
			case AUTHORIZED -> {
			}
			case PART_CAPTURED -> order.captureLines(List.of(new LineQuantity("SHIRT", 1)), setup);
			case CAPTURED -> order.capture(order.getRemaining(), setup);
			case CANCELLED -> order.cancel(setup);
			case EXPIRED -> order.expire(createdAt.plus(Duration.ofDays(Order.AUTHORIZATION_DAYS + 1)));
			case CLOSED -> {
				order.captureLines(List.of(new LineQuantity("SHIRT", 1)), setup);
				order.releaseRemainingAuthorization(later(order));
			}
		}
		assertThat(order.getStatus()).isEqualTo(status);
		return order;
	}

	/** The fixtures' member of staff, a minute after the order was placed. */
	private static Actor setup(Order order) {
		return new Actor("setup", Role.ADMIN, order.getCreatedAt().plusSeconds(60), null);
	}

	/** The fixtures' member of staff, two minutes after the order was placed. */
	private static Actor later(Order order) {
		return new Actor("setup", Role.ADMIN, order.getCreatedAt().plusSeconds(120), null);
	}

}
