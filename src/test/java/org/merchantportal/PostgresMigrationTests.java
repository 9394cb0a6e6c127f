package org.merchantportal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderRepository;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.Staff;
import org.merchantportal.order.TimelinePage;
import org.merchantportal.security.AttackFixtures;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code postgres} profile against a real PostgreSQL: the Flyway migrations apply to
 * an empty database, Hibernate validates the entities against the result
 * ({@code ddl-auto=validate}, or the context would not start), the repositories query it,
 * the search indexes get {@code varchar_pattern_ops}, and an order's timeline is read a
 * page of rows at a time from its index.
 * <p>
 * Each run creates its own database on the server that {@code bash .ci/run} starts
 * (localhost:5432, role {@code portal}/{@code portal}; override with TEST_POSTGRES_HOST,
 * TEST_POSTGRES_PORT, TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD) and drops it
 * afterwards. Without a server the test fails: it is never skipped.
 */
@SpringBootTest
@ActiveProfiles("postgres")
@DirtiesContext // closed after the class: its database is dropped
@Import(StatementRecorder.Config.class)
class PostgresMigrationTests {

	private static final Server server = Server.fromEnvironment();

	private static String databaseName;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private OrderRepository orders;

	@Autowired
	private MerchantRepository merchants;

	@Autowired
	private OrderService service;

	@Autowired
	private StatementRecorder recorder;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ApplicationContext context;

	@BeforeAll
	static void createDatabase() {
		String name = "portal_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		server.execute("create database " + name);
		databaseName = name;
	}

	@DynamicPropertySource
	static void useTheTestDatabase(DynamicPropertyRegistry registry) {
		// Above src/test/resources/config/application.properties (in-memory H2) and
		// anything the environment sets: this test only ever touches its own database.
		registry.add("spring.datasource.url", () -> server.jdbcUrl(databaseName));
		registry.add("spring.datasource.username", server::user);
		registry.add("spring.datasource.password", server::password);
		registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
		registry.add("spring.flyway.enabled", () -> "true");
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
		registry.add("portal.demo-data", () -> "false");
	}

	@AfterAll
	static void dropDatabase() {
		// JUnit runs this before Spring's after-class callbacks: the context is still
		// open (@DirtiesContext closes it next) and its pool still connected.
		if (databaseName != null) {
			server.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + databaseName
					+ "' and pid <> pg_backend_pid() and usename = current_user");
			server.execute("drop database if exists " + databaseName + " with (force)");
		}
	}

	@Test
	void runsOnItsOwnPostgresDatabase() {
		assertThat(this.jdbc.queryForObject("select current_database()", String.class)).isEqualTo(databaseName);
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
	}

	@Test
	void appliesTheSchemaMigrationSuccessfully() {
		List<Map<String, Object>> history = this.jdbc.queryForList(
				"select version, description, success from flyway_schema_history where version is not null order by installed_rank");
		assertThat(history).isNotEmpty();
		assertThat(history.get(0)).containsEntry("version", "1")
			.containsEntry("description", "schema")
			.containsEntry("success", true);
		assertThat(history).allSatisfy((migration) -> assertThat(migration).containsEntry("success", true));
	}

	@Test
	void createsTheTables() {
		List<String> tables = this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = current_schema()", String.class);
		assertThat(tables).contains("merchant", "portal_user", "purchase_order", "order_line", "order_event",
				"idempotency_key");
	}

	@Test
	void queriesThroughTheRepositories() {
		assertThat(this.orders.count()).isZero();
		Merchant merchant = this.merchants.save(new Merchant("Postgres Test AB", Currency.getInstance("SEK")));
		assertThat(this.merchants.findById(merchant.getId())).hasValueSatisfying((found) -> {
			assertThat(found.getName()).isEqualTo("Postgres Test AB");
			assertThat(found.getCurrency()).isEqualTo(Currency.getInstance("SEK"));
		});
		assertThat(this.orders.findByMerchantIdAndPublicId(merchant.getId(), UUID.randomUUID())).isEmpty();
	}

	@Test
	void indexesTheSearchColumnsForPrefixSearch() {
		// LIKE 'prefix%' can use an index whatever the database's collation only with a
		// pattern_ops operator class.
		assertThat(indexDefinition("ix_purchase_order_name")).contains("varchar_pattern_ops");
		assertThat(indexDefinition("ix_purchase_order_email")).contains("varchar_pattern_ops");
		assertThat(indexDefinition("ix_purchase_order_reference")).contains("varchar_pattern_ops");
		assertThat(indexDefinition("ix_purchase_order_public_id")).contains("_pattern_ops");
	}

	@Test
	void readsEachPageOfATimelineBackwardsFromItsIndexAPageOfRowsAtATime() throws Exception {
		Merchant merchant = this.merchants.save(new Merchant("Timeline Test AB", Currency.getInstance("SEK")));
		AttackFixtures fixtures = new AttackFixtures(this.context);
		Order everyFewSeconds = fixtures.orderWithRefunds(merchant.getId(), "PG-T1", 2_000, 7);
		Order allAtOnce = fixtures.orderWithRefunds(merchant.getId(), "PG-T2", 2_000, 2_000);
		this.jdbc.execute("analyze");
		Staff staff = new Staff(merchant.getId(), "viewer@timeline.example", Role.VIEWER);
		try {
			for (Order order : List.of(everyFewSeconds, allAtOnce)) {
				List<String> shown = new ArrayList<>();
				TimelinePage.Cursor cursor = null;
				do {
					this.recorder.start();
					TimelinePage page = this.service.details(staff, order.getPublicId(), cursor).timeline();
					List<StatementRecorder.Recorded> queries = this.recorder.stop()
						.stream()
						.filter((statement) -> statement.sql().contains("from order_event"))
						.toList();
					assertThat(queries).hasSizeBetween(1, 2);
					for (StatementRecorder.Recorded query : queries) {
						String plan = query.explain(this.dataSource, "EXPLAIN (ANALYZE, FORMAT JSON) ");
						JSONObject scan = scanOf(new JSONArray(plan).getJSONObject(0).getJSONObject("Plan"));
						assertThat(scan.getString("Node Type")).as(plan).isEqualTo("Index Scan");
						assertThat(scan.getString("Scan Direction")).as(plan).isEqualTo("Backward");
						// Where most of a small table shares one time (the second order),
						// PostgreSQL may read that time's events by their key instead and
						// filter out others: only the first order reads a page of rows.
						if (order == everyFewSeconds) {
							assertThat(scan.getString("Index Name")).as(plan).isEqualTo("ix_order_event_order");
							assertThat(scan.getLong("Actual Rows") + scan.optLong("Rows Removed by Filter"))
								.as("rows read by %s", plan)
								.isLessThanOrEqualTo(TimelinePage.SIZE + 1);
						}
					}
					page.events()
						.forEach((event) -> shown
							.add((event.getNote() != null) ? event.getNote() : event.getType().name()));
					cursor = page.older();
				}
				while (cursor != null);
				assertThat(shown).as("every event once, newest first")
					.containsExactlyElementsOf(this.jdbc.queryForList(
							"select coalesce(note, type) from order_event where order_id = ? order by occurred_at desc, id desc",
							String.class, order.getId()));
			}
		}
		finally {
			// The other tests expect a database without orders.
			for (String table : List.of("order_event", "order_line")) {
				this.jdbc.update(
						"delete from " + table
								+ " where order_id in (select id from purchase_order where merchant_id = ?)",
						merchant.getId());
			}
			this.jdbc.update("delete from purchase_order where merchant_id = ?", merchant.getId());
		}
	}

	/**
	 * The node of the plan that reads the table: under the Limit, with no Sort between.
	 */
	private static JSONObject scanOf(JSONObject plan) throws Exception {
		JSONObject node = plan;
		while (!node.getString("Node Type").contains("Scan")) {
			assertThat(node.getString("Node Type")).as("a plan without sorting").isNotEqualTo("Sort");
			node = node.getJSONArray("Plans").getJSONObject(0);
		}
		return node;
	}

	private String indexDefinition(String index) {
		return this.jdbc.queryForObject("select indexdef from pg_indexes where indexname = ?", String.class, index);
	}

	/**
	 * The PostgreSQL server the test creates its database on, reached as a role that may
	 * create databases.
	 */
	private record Server(String host, String port, String user, String password) {

		static Server fromEnvironment() {
			return new Server(env("TEST_POSTGRES_HOST", "localhost"), env("TEST_POSTGRES_PORT", "5432"),
					env("TEST_POSTGRES_USER", "portal"), env("TEST_POSTGRES_PASSWORD", "portal"));
		}

		private static String env(String name, String defaultValue) {
			String value = System.getenv(name);
			return (value != null && !value.isBlank()) ? value : defaultValue;
		}

		String jdbcUrl(String database) {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
		}

		/** Runs one statement in the maintenance database {@code postgres}. */
		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new AssertionError("PostgreSQL at " + jdbcUrl("postgres") + " (role '" + this.user
						+ "') could not run [" + sql + "]: " + ex.getMessage() + System.lineSeparator()
						+ "This test needs that server running: `bash .ci/run` installs and starts PostgreSQL 15"
						+ " and creates the role; or point TEST_POSTGRES_HOST, TEST_POSTGRES_PORT,"
						+ " TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD at another server.", ex);
			}
		}

	}

}
