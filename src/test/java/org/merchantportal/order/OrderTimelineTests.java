package org.merchantportal.order;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.StatementRecorder;
import org.merchantportal.StatementRecorder.Recorded;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.security.AttackFixtures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An order's timeline in pages on H2: newest first, fifty at a time by keyset, every
 * event exactly once however many share a time, and each page read with at most two
 * statements that scan only their own rows of {@code ix_order_event_order}, never the
 * order's whole history.
 */
@SpringBootTest(properties = { "portal.demo-data=false", "portal.expiry.cron=-",
		"spring.jpa.properties.hibernate.generate_statistics=true",
		"logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=WARN" })
@Import(StatementRecorder.Config.class)
class OrderTimelineTests {

	private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

	@Autowired
	OrderService service;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	ApplicationContext context;

	AttackFixtures fixtures;

	Merchant merchant;

	Staff staff;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
		this.merchant = this.merchants.save(new Merchant("Timeline AB", Currency.getInstance("SEK")));
		this.staff = new Staff(this.merchant.getId(), "viewer@timeline.example", Role.VIEWER);
	}

	@Test
	void pagesWalkTheWholeTimelineNewestFirstFiftyAtATimeWithoutGapOrRepeat() {
		// 2,000 refunds, seven at each instant: page boundaries fall among equal times.
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-1", 2_000, 7);

		List<List<OrderEvent>> pages = walk(order.getPublicId());

		assertThat(pages).hasSize(41);
		assertThat(pages.subList(0, 40)).allSatisfy((page) -> assertThat(page).hasSize(TimelinePage.SIZE));
		assertThat(pages.get(40)).extracting(OrderEvent::getType)
			.containsExactly(OrderEventType.CAPTURED, OrderEventType.CREATED);
		assertThat(pages.stream().flatMap(List::stream).map(OrderEvent::getId).toList())
			.as("every event once, newest first, ties by key")
			.containsExactlyElementsOf(idsNewestFirst(order));
		assertThat(pages.get(0).get(0).getNote()).isEqualTo("Refund 2000");
		assertThat(pages.get(1).get(0).getNote()).isEqualTo("Refund 1950");
		long boundariesWithinATime = countBoundariesWithinATime(pages);
		assertThat(boundariesWithinATime).as("page boundaries between two events of the same time").isPositive();
	}

	@Test
	void anOrdersPageReadsTheOrderWithItsLinesInOneStatementAndItsNewestEventsInAnother() {
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-3", 3, 1);

		this.recorder.start();
		OrderDetails details = this.service.details(this.staff, order.getPublicId(), null);
		List<Recorded> statements = this.recorder.stop();

		assertThat(details.order().getLines()).isNotEmpty();
		assertThat(statements).extracting(Recorded::sql)
			.as("the order joined to its lines, then its newest events")
			.satisfiesExactly((sql) -> assertThat(sql).contains("from purchase_order").contains("join order_line"),
					(sql) -> assertThat(sql).contains("from order_event"));
	}

	@Test
	void everyPageIsReadWithAtMostTwoStatementsThatScanOnlyItsRowsOfTheIndex() {
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-2", 2_000, 7);
		Statistics statistics = statistics();
		TimelinePage.Cursor cursor = null;
		int pages = 0;
		do {
			statistics.clear();
			this.recorder.start();
			OrderDetails details = this.service.details(this.staff, order.getPublicId(), cursor);
			List<Recorded> timelineQueries = timelineQueries(this.recorder.stop());

			assertThat(statistics.getEntityStatistics(OrderEvent.class.getName()).getLoadCount())
				.as("events read for page %d", pages)
				.isLessThanOrEqualTo(TimelinePage.SIZE + 1);
			assertThat(statistics.getCollectionStatistics(Order.class.getName() + ".events").getFetchCount())
				.as("the whole timeline loaded")
				.isZero();
			assertThat(timelineQueries).as("statements for page %d", pages).hasSizeBetween(1, (cursor != null) ? 2 : 1);
			for (Recorded query : timelineQueries) {
				assertReadsOnlyItsPageFromTheIndex(query);
			}
			cursor = details.timeline().older();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(41);
	}

	@Test
	void anOrderWhoseEventsAllShareOneTimeIsStillReadAPageOfRowsAtATime() {
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-3", 500, 500);

		List<List<OrderEvent>> pages = new ArrayList<>();
		TimelinePage.Cursor cursor = null;
		do {
			this.recorder.start();
			TimelinePage page = this.service.details(this.staff, order.getPublicId(), cursor).timeline();
			for (Recorded query : timelineQueries(this.recorder.stop())) {
				assertReadsOnlyItsPageFromTheIndex(query);
			}
			pages.add(page.events());
			cursor = page.older();
		}
		while (cursor != null);

		assertThat(pages).hasSize(11);
		assertThat(pages.stream().flatMap(List::stream).map(OrderEvent::getId).toList())
			.containsExactlyElementsOf(idsNewestFirst(order));
		assertThat(pages.get(0).get(0).getOccurredAt()).isEqualTo(pages.get(9).get(0).getOccurredAt());
	}

	@Test
	void anActionOnAnOrderWithALongHistoryReadsNoneOfItsEvents() {
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-4", 2_000, 7);
		Staff manager = new Staff(this.merchant.getId(), "orders@timeline.example", Role.ORDER_MANAGER);
		Statistics statistics = statistics();
		statistics.clear();

		this.service.refund(manager, order.getPublicId(), UUID.randomUUID().toString(),
				Money.of(100, order.getCurrency()), RefundReason.RETURNED, null);

		assertThat(statistics.getEntityStatistics(OrderEvent.class.getName()).getLoadCount()).isZero();
		assertThat(statistics.getCollectionStatistics(Order.class.getName() + ".events").getFetchCount()).isZero();
		assertThat(this.service.details(this.staff, order.getPublicId()).timeline().events().get(0).getAmount())
			.isEqualTo(Money.of(100, order.getCurrency()));
	}

	@Test
	void anotherMerchantsOrderHasNoTimelineToPage() {
		Order order = this.fixtures.orderWithRefunds(this.merchant.getId(), "TL-5", 60, 7);
		Merchant other = this.merchants.save(new Merchant("Other AB", Currency.getInstance("SEK")));
		Staff stranger = new Staff(other.getId(), "admin@other.example", Role.ADMIN);
		TimelinePage.Cursor cursor = this.service.details(this.staff, order.getPublicId()).timeline().older();

		assertThatExceptionOfType(OrderNotFoundException.class)
			.isThrownBy(() -> this.service.details(stranger, order.getPublicId(), cursor));
		assertThatExceptionOfType(OrderNotFoundException.class)
			.isThrownBy(() -> this.service.details(stranger, order.getPublicId()));
	}

	// --- Fixtures ---------------------------------------------------------------------

	private List<List<OrderEvent>> walk(UUID orderId) {
		List<List<OrderEvent>> pages = new ArrayList<>();
		TimelinePage.Cursor cursor = null;
		do {
			TimelinePage page = this.service.details(this.staff, orderId, cursor).timeline();
			pages.add(page.events());
			cursor = page.older();
		}
		while (cursor != null);
		return pages;
	}

	/** The order's events as the database sorts them, without the portal's paging. */
	private List<Long> idsNewestFirst(Order order) {
		return this.jdbc.queryForList(
				"select id from order_event where order_id = ? order by occurred_at desc, id desc", Long.class,
				order.getId());
	}

	private static long countBoundariesWithinATime(List<List<OrderEvent>> pages) {
		long count = 0;
		for (int i = 0; i + 1 < pages.size(); i++) {
			List<OrderEvent> page = pages.get(i);
			if (page.get(page.size() - 1).getOccurredAt().equals(pages.get(i + 1).get(0).getOccurredAt())) {
				count++;
			}
		}
		return count;
	}

	private static List<Recorded> timelineQueries(List<Recorded> statements) {
		return statements.stream().filter((statement) -> statement.sql().contains("from order_event")).toList();
	}

	/**
	 * H2 reads the index backwards in the timeline's order (no sort of all events) and
	 * scans at most a page of rows and one more.
	 */
	private void assertReadsOnlyItsPageFromTheIndex(Recorded query) {
		String plan = query.explain(this.dataSource, "EXPLAIN ANALYZE ");
		assertThat(plan).as(query.sql()).contains("IX_ORDER_EVENT_ORDER").contains("/* index sorted */");
		Matcher scanned = SCAN_COUNT.matcher(plan);
		assertThat(scanned.find()).as(plan).isTrue();
		assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(TimelinePage.SIZE + 2);
	}

	private Statistics statistics() {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		assertThat(statistics.isStatisticsEnabled()).isTrue();
		return statistics;
	}

}
