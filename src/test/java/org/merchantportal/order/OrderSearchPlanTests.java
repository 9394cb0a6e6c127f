package org.merchantportal.order;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.order.SearchPlans.Database;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Orders page's one statement, as H2 runs it ({@code EXPLAIN ANALYZE}) on 30,000
 * orders: every list (newest first, by status, by dates, the deepest cursor page) reads
 * about a page of index entries, and a search reads, in each column's own index, only the
 * orders whose value starts with the prefix. Never a scan of the merchant's orders: that
 * is what made a page take 12.7 s at 1,000,000 orders.
 */
@SpringBootTest(properties = { "portal.demo-data=false", "portal.expiry.cron=-",
		"spring.datasource.url=jdbc:h2:mem:plans-${random.uuid};DB_CLOSE_DELAY=-1" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSearchPlanTests {

	static final int ORDERS = 30_000;

	static final int PAGE = 50;

	/** A page's worth of index entries, and its probe of the next: 51 rows, each once. */
	static final int PAGE_READ = 2 * (PAGE + 1);

	private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

	@Autowired
	OrderSearch search;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	JdbcTemplate jdbc;

	private long merchantId;

	@BeforeAll
	void seedOrders() {
		this.merchantId = this.merchants.save(new Merchant("Plans AB", Currency.getInstance("SEK"))).getId();
		long other = this.merchants.save(new Merchant("Other GmbH", Currency.getInstance("EUR"))).getId();
		SearchPlans.seed(this.jdbc, Database.H2, this.merchantId, ORDERS);
		SearchPlans.seed(this.jdbc, Database.H2, other, 2_000);
		this.jdbc.execute("analyze");
	}

	Stream<Arguments> lists() {
		OrderFilter.Cursor deepest = cursorAt(ORDERS - 10);
		OrderFilter.Cursor middle = cursorAt(ORDERS / 2);
		LocalDate day = LocalDate.ofInstant(SearchPlans.NEWEST.minus(Duration.ofDays(10)), ZoneOffset.UTC);
		return Stream.of(Arguments.of("newest first", OrderFilter.none()),
				Arguments.of("by status", new OrderFilter(null, OrderStatus.PART_CAPTURED, null, null, null)),
				Arguments.of("by dates", new OrderFilter(null, null, day.minusDays(2), day, null)),
				Arguments.of("a middle page", OrderFilter.none().startingAfter(middle)),
				Arguments.of("the deepest page", OrderFilter.none().startingAfter(deepest)),
				Arguments.of("the deepest page by status",
						new OrderFilter(null, OrderStatus.CANCELLED, null, null, deepest)),
				Arguments.of("status, dates and a cursor",
						new OrderFilter(null, OrderStatus.AUTHORIZED, day.minusDays(3), day, cursorAt(ORDERS / 2))),
				Arguments.of("dates ending before the cursor",
						new OrderFilter(null, null, day.minusDays(3), day, cursorAt(10))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lists")
	void readsAboutAPageOfIndexEntriesForAnyList(String list, OrderFilter filter) {
		String plan = explain(filter);

		assertThat(plan).as(plan).contains("IX_PURCHASE_ORDER_").doesNotContain("tableScan");
		assertThat(scanCounts(plan)).as(plan)
			.isNotEmpty()
			.allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(PAGE_READ));
	}

	Stream<Arguments> rareSearches() {
		String orderId = this.jdbc.queryForObject(
				"select public_id from purchase_order where merchant_id = ? and merchant_reference = 'PLAN-777'",
				String.class, this.merchantId);
		return Stream.of(Arguments.of("merchant reference", "PLAN-2999", "REFERENCE"),
				Arguments.of("order id", orderId.substring(0, 8).toUpperCase(), "PUBLIC_ID"),
				Arguments.of("email", "Sofia.1202@", "EMAIL"), Arguments.of("name", "zelda q", "NAME"),
				Arguments.of("surname", "QUIST", "SURNAME"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rareSearches")
	void searchesEachColumnThroughItsIndexReadingOnlyItsMatches(String field, String query, String index) {
		OrderFilter filter = new OrderFilter(query, null, null, null, null);
		String plan = explain(filter);

		assertThat(this.search.find(this.merchantId, filter, PAGE).orders()).as("found by %s", field).isNotEmpty();
		if (SearchKey.covers(query.toLowerCase(java.util.Locale.ROOT))) {
			assertThat(plan).as(plan).contains("PUBLIC.IX_ORDER_SEARCH_KEY:");
		}
		else {
			for (String column : List.of("REFERENCE", "PUBLIC_ID", "EMAIL", "NAME", "SURNAME")) {
				assertThat(plan).as(plan).contains("PUBLIC.IX_PURCHASE_ORDER_" + column + ":");
			}
		}
		assertThat(plan).as(plan).doesNotContain("tableScan");
		// The prefix matches a dozen orders at most, in one column: each column's index
		// reads its own matches (none, in the other columns), never the merchant's
		// orders.
		assertThat(scanCounts(plan)).as(plan).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(PAGE_READ));
	}

	@Test
	void aCommonPrefixReadsItsMatchesNotTheMerchantsOrders() {
		long names = SearchPlans.matching(this.jdbc, this.merchantId, "search_name", "anna");
		long emails = SearchPlans.matching(this.jdbc, this.merchantId, "search_email", "anna");

		for (OrderFilter filter : List.of(new OrderFilter("Anna", null, null, null, null),
				new OrderFilter("anna", OrderStatus.CAPTURED, null, null, cursorAt(ORDERS / 2)))) {
			String plan = explain(filter);
			assertThat(plan).as(plan).doesNotContain("tableScan");
			assertThat(scanCounts(plan)).as(plan)
				.allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(Math.max(names, emails) + 1));
		}
		assertThat(Math.max(names, emails)).as("a twentieth of the orders").isLessThan(ORDERS / 10);
	}

	Stream<Arguments> keyedSearches() {
		String orderId = this.jdbc.queryForObject(
				"select public_id from purchase_order where merchant_id = ? and merchant_reference = 'PLAN-777'",
				String.class, this.merchantId);
		return Stream.of(Arguments.of("merchant reference, every order", "PLAN-", "search_reference"),
				Arguments.of("merchant reference, 3 characters", "pla", "search_reference"),
				Arguments.of("order id (random: a few orders share 3 characters)", orderId.substring(0, 3),
						"public_id"),
				Arguments.of("email", "sofia", "search_email"), Arguments.of("name", "Anna", "search_name"),
				Arguments.of("surname", "svens", "search_surname"));
	}

	/**
	 * What staff type, the first 3 to 5 characters: a page of search keys, newest first,
	 * however many orders share them (a twentieth to all of the 30,000); and exactly the
	 * newest orders a column's prefix matches.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("keyedSearches")
	void aPrefixOfThreeToFiveCharactersReadsAPageOfSearchKeysHoweverCommon(String field, String query, String column) {
		OrderFilter filter = new OrderFilter(query, null, null, null, null);
		String plan = explain(filter);

		assertThat(plan).as(plan).contains("PUBLIC.IX_ORDER_SEARCH_KEY:").doesNotContain("tableScan");
		// Each key joined to its order, in the index's order: no "id in (keys)", which H2
		// checks again for every row it finds (running the subquery again each time,
		// without its result reuse).
		assertThat(plan.replaceAll("\\s+", " ")).as(plan)
			.contains("INNER JOIN \"PUBLIC\".\"PURCHASE_ORDER\" \"O\" /* PUBLIC.PRIMARY_KEY")
			.doesNotContainPattern("IN\\( ?SELECT");
		assertThat(scanCounts(plan)).as(plan).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(PAGE_READ));
		if (!column.equals("public_id")) {
			assertThat(SearchPlans.matching(this.jdbc, this.merchantId, column, query.toLowerCase()))
				.as("orders that share the prefix")
				.isGreaterThan(PAGE);
		}
		List<String> newest = this.jdbc.queryForList(
				"select public_id from purchase_order where merchant_id = ? and (search_reference like ?"
						+ " or public_id like ? or search_email like ? or search_name like ? or search_surname like ?)"
						+ " order by created_at desc, public_id desc fetch first " + PAGE + " rows only",
				String.class, this.merchantId, query.toLowerCase() + "%", query.toLowerCase() + "%",
				query.toLowerCase() + "%", query.toLowerCase() + "%", query.toLowerCase() + "%");
		assertThat(this.search.find(this.merchantId, filter, PAGE).orders()).extracting((o) -> o.publicId().toString())
			.containsExactlyElementsOf(newest);
	}

	@Test
	void aPrefixEveryOrderSharesIsReadAlongTheListingNewestFirst() {
		for (OrderFilter filter : List.of(new OrderFilter("PLAN-1", null, null, null, null),
				new OrderFilter("plan-1", OrderStatus.CAPTURED, null, null, cursorAt(ORDERS / 2)))) {
			String plan = explain(filter);

			assertThat(plan).as(plan).contains("PUBLIC.IX_PURCHASE_ORDER_REFERENCE:").doesNotContain("tableScan");
			// At most the check of how common the prefix is (a few thousand entries of
			// the
			// reference index), then a page along the listing: never the 30,000 orders.
			assertThat(scanCounts(plan)).as(plan)
				.allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(OrderSearch.COMMON + 1L));
		}
		List<OrderSummary> newest = this.search.find(this.merchantId, OrderFilter.none(), PAGE).orders();
		assertThat(this.search.find(this.merchantId, new OrderFilter("PLAN-", null, null, null, null), PAGE).orders())
			.containsExactlyElementsOf(newest);
	}

	@Test
	void everyPageIsOneStatementWhateverItsFilter() {
		OrderSearch.Sql sql = this.search.sql(this.merchantId, new OrderFilter("anna", OrderStatus.AUTHORIZED,
				LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), cursorAt(100)), PAGE + 1);

		// No count, nothing but this statement; and no derived table, which H2 would keep
		// a
		// copy of for every search term it ran with (a heap that grows with the
		// requests).
		assertThat(sql.text()).startsWith("select ")
			.doesNotContain(";")
			.doesNotContainIgnoringCase("count(")
			.doesNotContainIgnoringCase("from (");
		assertThat(sql.text().chars().filter((c) -> c == '?').count()).isEqualTo(sql.parameters().size());
	}

	private String explain(OrderFilter filter) {
		OrderSearch.Sql sql = this.search.sql(this.merchantId, filter, PAGE + 1);
		return this.jdbc.queryForObject("explain analyze " + sql.text(), String.class, SearchPlans.parameters(sql));
	}

	private static List<Long> scanCounts(String plan) {
		Matcher matcher = SCAN_COUNT.matcher(plan);
		List<Long> counts = new java.util.ArrayList<>();
		while (matcher.find()) {
			counts.add(Long.parseLong(matcher.group(1)));
		}
		return counts;
	}

	/** The cursor of the merchant's order PLAN-x, as a page link carries it. */
	private OrderFilter.Cursor cursorAt(int x) {
		return this.jdbc.queryForObject(
				"select created_at, public_id from purchase_order where merchant_id = ? and merchant_reference = ?",
				(row, n) -> new OrderFilter.Cursor(row.getObject(1, java.time.OffsetDateTime.class).toInstant(),
						UUID.fromString(row.getString(2))),
				this.merchantId, "PLAN-" + x);
	}

}
