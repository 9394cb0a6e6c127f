package org.merchantportal.order;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.merchantportal.TestDatabase;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.order.SearchPlans.Database;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Orders page's one statement on PostgreSQL ({@code EXPLAIN (ANALYZE, FORMAT JSON)}),
 * on 30,000 analyzed orders of its own database: no list and no search ever scans the
 * orders table, lists read about a page of index entries, and each column of a search is
 * read through an index, also in the generic plan PostgreSQL may switch a prepared
 * statement to. The search finds the same orders as on H2.
 * <p>
 * Needs the PostgreSQL server that {@code bash .ci/run} starts (see
 * {@link TestDatabase}); without it the test fails, it never skips.
 */
@SpringBootTest(properties = { "portal.demo-data=false", "portal.expiry.cron=-" })
@ActiveProfiles("postgres")
@DirtiesContext // closed after the class: its database is dropped
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSearchPostgresPlanTests {

	private static final int ORDERS = OrderSearchPlanTests.ORDERS;

	private static final int PAGE = OrderSearchPlanTests.PAGE;

	private static final Pattern SEQ_SCAN = Pattern
		.compile("\"Node Type\": \"Seq Scan\"[^{}]*\"Relation Name\": \"(\\w+)\"");

	/** An index scan node of the orders table, with what it read and threw away. */
	private static final Pattern INDEX_SCAN = Pattern.compile("\"Node Type\": \"Index (?:Only )?Scan\"[^{}]*"
			+ "\"Index Name\": \"(\\w+)\"[^{}]*\"Relation Name\": \"purchase_order\"[^{}]*"
			+ "\"Actual Rows\": (\\d+),[^{}]*\"Actual Loops\": (\\d+)(?:[^{}]*\"Rows Removed by Filter\": (\\d+))?");

	/** Any read of the orders through one of its indexes. */
	private static final Pattern INDEX_READ = Pattern
		.compile("\"Node Type\": \"(?:Index Scan|Index Only Scan|Bitmap Index Scan)\"[^{}]*\"Index Name\": \"(\\w+)\"");

	private static TestDatabase database;

	@Autowired
	OrderSearch search;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	JdbcTemplate jdbc;

	private long merchantId;

	@DynamicPropertySource
	static void useTheTestDatabase(DynamicPropertyRegistry registry) {
		database = TestDatabase.create();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
		registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
	}

	@BeforeAll
	void seedOrders() {
		this.merchantId = this.merchants.save(new Merchant("Plans AB", Currency.getInstance("SEK"))).getId();
		long other = this.merchants.save(new Merchant("Other GmbH", Currency.getInstance("EUR"))).getId();
		SearchPlans.seed(this.jdbc, Database.POSTGRESQL, this.merchantId, ORDERS);
		SearchPlans.seed(this.jdbc, Database.POSTGRESQL, other, 2_000);
		this.jdbc.execute("analyze purchase_order");
	}

	@AfterAll
	void dropDatabase() {
		if (database != null) {
			database.close();
		}
	}

	Stream<Arguments> lists() {
		OrderFilter.Cursor deepest = cursorAt(ORDERS - 10);
		LocalDate day = LocalDate.ofInstant(SearchPlans.NEWEST.minus(Duration.ofDays(10)), ZoneOffset.UTC);
		return Stream.of(Arguments.of("newest first", OrderFilter.none()),
				Arguments.of("by status", new OrderFilter(null, OrderStatus.PART_CAPTURED, null, null, null)),
				Arguments.of("by dates", new OrderFilter(null, null, day.minusDays(2), day, null)),
				Arguments.of("a middle page", OrderFilter.none().startingAfter(cursorAt(ORDERS / 2))),
				Arguments.of("the deepest page", OrderFilter.none().startingAfter(deepest)),
				Arguments.of("the deepest page by status",
						new OrderFilter(null, OrderStatus.CANCELLED, null, null, deepest)),
				Arguments.of("status, dates and a cursor",
						new OrderFilter(null, OrderStatus.AUTHORIZED, day.minusDays(3), day, cursorAt(ORDERS / 2))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lists")
	void readsAboutAPageOfIndexEntriesForAnyListAndNeverScansTheOrders(String list, OrderFilter filter) {
		String plan = explain(filter);

		assertThat(seqScans(plan)).as(plan).doesNotContain("purchase_order");
		List<long[]> scans = indexScans(plan);
		assertThat(scans).as(plan).isNotEmpty();
		assertThat(scans).as(plan)
			.allSatisfy((read) -> assertThat(read[0]).isLessThanOrEqualTo(OrderSearchPlanTests.PAGE_READ));
	}

	Stream<Arguments> searches() {
		String orderId = this.jdbc.queryForObject(
				"select public_id from purchase_order where merchant_id = ? and merchant_reference = 'PLAN-777'",
				String.class, this.merchantId);
		return Stream.of(Arguments.of("merchant reference", "PLAN-2999", "PLAN-2999"),
				Arguments.of("order id", orderId.substring(0, 8).toUpperCase(), "PLAN-777"),
				Arguments.of("email", "Sofia.1202@", "PLAN-1202"), Arguments.of("name", "zelda q", "PLAN-1"),
				Arguments.of("surname", "QUIST", "PLAN-1"), Arguments.of("a common first name", "anna", "PLAN-20"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("searches")
	void searchesEachColumnThroughAnIndexEvenInTheGenericPlan(String field, String query, String found) {
		OrderFilter filter = new OrderFilter(query, null, null, null, null);

		String custom = explain(filter);
		String generic = explainGeneric(filter);

		assertThat(seqScans(custom)).as(custom).doesNotContain("purchase_order").doesNotContain("order_search_key");
		assertThat(seqScans(generic)).as(generic).doesNotContain("purchase_order").doesNotContain("order_search_key");
		if (SearchKey.covers(query.toLowerCase(java.util.Locale.ROOT))) {
			// 3 to 5 characters, however common ("anna"): a page of search keys, newest
			// first, and the ids' lookup.
			assertThat(custom).as(custom).contains("ix_order_search_key");
			assertThat(indexScans(custom)).as(custom)
				.allSatisfy((read) -> assertThat(read[0]).isLessThanOrEqualTo(OrderSearchPlanTests.PAGE_READ));
		}
		else {
			// Each column's branch reads an index (five of them), and so does the ids'
			// lookup.
			assertThat(indexReads(custom)).as(custom).hasSizeGreaterThanOrEqualTo(6);
			assertThat(indexReads(generic)).as(generic).hasSizeGreaterThanOrEqualTo(6);
			assertThat(indexScans(custom)).as(custom)
				.allSatisfy((read) -> assertThat(read[0]).isLessThanOrEqualTo(OrderSearchPlanTests.PAGE_READ));
		}
		assertThat(this.search.find(this.merchantId, filter, PAGE).orders()).as("found by %s", field)
			.extracting(OrderSummary::merchantReference)
			.contains(found);
	}

	@Test
	void aSearchCombinedWithStatusDatesAndACursorNeverScansTheOrders() {
		LocalDate day = LocalDate.ofInstant(SearchPlans.NEWEST.minus(Duration.ofDays(10)), ZoneOffset.UTC);
		OrderFilter filter = new OrderFilter("anna", OrderStatus.CAPTURED, day.minusDays(5), day, cursorAt(ORDERS / 2));

		assertThat(seqScans(explain(filter))).doesNotContain("purchase_order");
		assertThat(seqScans(explainGeneric(filter))).doesNotContain("purchase_order");
	}

	@Test
	void pagesOfASearchVisitEveryMatchOnceNewestFirst() {
		OrderFilter filter = new OrderFilter("zelda", null, null, null, null);
		List<String> walked = new ArrayList<>();
		OrderFilter current = filter;
		while (current != null) {
			OrderSearch.OrderPage page = this.search.find(this.merchantId, current, 1);
			page.orders().forEach((order) -> walked.add(order.merchantReference()));
			current = (page.next() != null) ? filter.startingAfter(page.next()) : null;
		}
		assertThat(walked).containsExactly("PLAN-1", "PLAN-2", "PLAN-3");
	}

	private String explain(OrderFilter filter) {
		OrderSearch.Sql sql = this.search.sql(this.merchantId, filter, PAGE + 1);
		return this.jdbc.queryForObject("explain (analyze, format json) " + sql.text(), String.class,
				SearchPlans.parameters(sql));
	}

	/**
	 * The plan PostgreSQL uses once it has chosen a generic plan for the prepared
	 * statement: planned without the parameters' values.
	 */
	private String explainGeneric(OrderFilter filter) {
		OrderSearch.Sql sql = this.search.sql(this.merchantId, filter, PAGE + 1);
		StringBuilder prepared = new StringBuilder();
		List<String> types = new ArrayList<>();
		List<String> values = new ArrayList<>();
		int n = 0;
		for (char c : sql.text().toCharArray()) {
			if (c == '?') {
				Object value = sql.parameters().get(n++);
				prepared.append('$').append(n);
				types.add((value instanceof Long) ? "bigint" : (value instanceof Instant) ? "timestamptz" : "text");
				Object literal = (value instanceof Instant instant) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
						: value;
				values.add("'" + literal.toString().replace("'", "''") + "'");
			}
			else {
				prepared.append(c);
			}
		}
		return this.jdbc.execute((ConnectionCallback<String>) (connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("set plan_cache_mode = force_generic_plan");
				statement.execute("prepare plan_test(" + String.join(", ", types) + ") as " + prepared);
				try (var result = statement.executeQuery(
						"explain (analyze, format json) execute plan_test(" + String.join(", ", values) + ")")) {
					result.next();
					return result.getString(1);
				}
				finally {
					statement.execute("deallocate plan_test");
					statement.execute("reset plan_cache_mode");
				}
			}
		});
	}

	private static List<String> seqScans(String plan) {
		List<String> tables = new ArrayList<>();
		Matcher matcher = SEQ_SCAN.matcher(plan);
		while (matcher.find()) {
			tables.add(matcher.group(1));
		}
		return tables;
	}

	private static List<String> indexReads(String plan) {
		List<String> indexes = new ArrayList<>();
		Matcher matcher = INDEX_READ.matcher(plan);
		while (matcher.find()) {
			indexes.add(matcher.group(1));
		}
		return indexes;
	}

	/**
	 * Per index scan of the orders table: the rows it read (returned and thrown away).
	 */
	private static List<long[]> indexScans(String plan) {
		List<long[]> scans = new ArrayList<>();
		Matcher matcher = INDEX_SCAN.matcher(plan);
		while (matcher.find()) {
			long rows = Long.parseLong(matcher.group(2)) * Long.parseLong(matcher.group(3));
			long removed = (matcher.group(4) != null) ? Long.parseLong(matcher.group(4)) : 0;
			scans.add(new long[] { rows + removed });
		}
		return scans;
	}

	private OrderFilter.Cursor cursorAt(int x) {
		return this.jdbc.queryForObject(
				"select created_at, public_id from purchase_order where merchant_id = ? and merchant_reference = ?",
				(row, n) -> new OrderFilter.Cursor(row.getObject(1, OffsetDateTime.class).toInstant(),
						UUID.fromString(row.getString(2))),
				this.merchantId, "PLAN-" + x);
	}

}
