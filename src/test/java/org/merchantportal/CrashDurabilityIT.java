package org.merchantportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.merchantportal.HttpUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is ever lost: the packaged jar, started as the README says, takes
 * refunds and captures from several threads; it is killed with SIGKILL while they stream
 * in, started again on the same files (or database), and then every action it had
 * answered as done is still there with its idempotency record, a repeat of it changes
 * nothing, and every order is whole: its captured, refunded and released amounts are the
 * sums of its events, and each event's idempotency key is recorded. Several rounds on the
 * embedded H2 default and on PostgreSQL (where the node is killed, not the database).
 */
class CrashDurabilityIT {

	private static final int ROUNDS = 3;

	private static final int THREADS = 4;

	/** Acknowledged actions to wait for before the kill, so that it lands mid-stream. */
	private static final int ACKNOWLEDGED_BEFORE_KILL = 25;

	private static final String MANAGER = "orders@nordic-shoes.example";

	private static final String PASSWORD = "portal-demo-2026";

	private static final Pattern STATUS_MESSAGE = Pattern.compile("<div id=\"status-message\"[^>]*>.*?</div>",
			Pattern.DOTALL);

	private static final Pattern AMOUNT = Pattern.compile("SEK[\\s\\u00a0]?[0-9,]+\\.[0-9]{2}");

	private static final Pattern ORDER_LINK = Pattern.compile("href=\"/orders/([0-9a-f-]{36})\"");

	@Test
	void acknowledgedActionsSurviveKillNineOfTheEmbeddedDefault() {
		Path directory = freshDirectory("h2");
		// H2 lets one process at a time open its files: they are read once the portal
		// stopped.
		crashRounds(directory, new H2Files(directory.resolve("data/portal")), true);
	}

	/** The postgres profile starts only with a key for API credentials' hashes. */
	private static final String TEST_API_KEY = "Y3Jhc2gtZHVyYWJpbGl0eS10ZXN0LWtleS0zMi1ieXRlcyE=";

	@Test
	void acknowledgedActionsSurviveKillNineOfANodeOnPostgres() {
		try (TestDatabase database = TestDatabase.create()) {
			crashRounds(freshDirectory("postgres"), database::query, false, "--spring.profiles.active=postgres",
					"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(), "--portal.demo-data=true",
					"--portal.api.credential-key=" + TEST_API_KEY);
		}
	}

	/**
	 * Starts the portal, streams actions at it and kills it, {@link #ROUNDS} times, each
	 * start on what the last kill left; then starts it once more. After each restart the
	 * acknowledged actions are repeated (changing nothing), and the database shows every
	 * acknowledged action and only whole orders.
	 * @param exclusiveFiles whether the database can only be read once the portal stopped
	 */
	private void crashRounds(Path directory, Rows database, boolean exclusiveFiles, String... arguments) {
		List<Acknowledged> acknowledged = new ArrayList<>();
		for (int round = 1; round <= ROUNDS + 1; round++) {
			try (ForkedPortal portal = ForkedPortal.start(directory, arguments)) {
				if (!acknowledged.isEmpty()) {
					assertRepeatsChangeNothing(portal, acknowledged, round);
					if (!exclusiveFiles) {
						assertNothingAcknowledgedLost(database, acknowledged, round);
						assertEveryOrderWhole(database, round);
					}
				}
				if (round <= ROUNDS) {
					acknowledged.addAll(streamUntilKilled(portal, round));
				}
				else {
					portal.stop();
				}
			}
		}
		assertNothingAcknowledgedLost(database, acknowledged, ROUNDS);
		assertEveryOrderWhole(database, ROUNDS);
	}

	/**
	 * Fires 1.00 refunds at captured orders and 1.00 captures at authorized ones from
	 * several threads, half as htmx requests, kills the portal with SIGKILL once a few
	 * dozen were acknowledged, and returns those it acknowledged.
	 */
	private List<Acknowledged> streamUntilKilled(ForkedPortal portal, int round) {
		HttpUser user = new HttpUser().logIn(portal, MANAGER, PASSWORD);
		List<String> refundable = orderIds(user, portal, "CAPTURED");
		List<String> capturable = orderIds(user, portal, "AUTHORIZED");
		String csrf = user.get(portal, "/orders").csrf();
		ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
		AtomicBoolean killed = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> streams = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				boolean htmx = thread % 2 == 1;
				streams.add(threads.submit(() -> {
					while (!killed.get()) {
						ThreadLocalRandom random = ThreadLocalRandom.current();
						boolean refund = random.nextBoolean();
						List<String> orders = refund ? refundable : capturable;
						Action action = new Action(refund ? "refunds" : "captures",
								orders.get(random.nextInt(orders.size())),
								UUID.randomUUID().toString().replace("-", ""));
						Page answer;
						try {
							answer = action.send(user, portal, csrf, htmx);
						}
						catch (AssertionError ex) {
							if (killed.get()) {
								return; // the connection died with the portal: not
										// acknowledged
							}
							throw ex;
						}
						if (answer.status() == (htmx ? 200 : 302)) {
							acknowledged.add(new Acknowledged(action));
						}
						else if (answer.status() != 409) {
							// 409: this order has nothing left to refund or capture.
							throw new AssertionError("Round " + round + ": " + answer + "\n" + answer.body());
						}
					}
				}));
			}
			awaitAcknowledged(acknowledged, streams, round);
			ForkedPortal.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextInt(300)));
			killed.set(true);
			portal.kill();
			for (Future<?> stream : streams) {
				stream.get(60, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new AssertionError("Round " + round + " failed while streaming: " + ex + "\n" + portal.logTail(), ex);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(acknowledged).as("round %d: actions acknowledged before the kill", round)
			.hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
		return List.copyOf(acknowledged);
	}

	private static void awaitAcknowledged(ConcurrentLinkedQueue<Acknowledged> acknowledged, List<Future<?>> streams,
			int round) throws Exception {
		Instant deadline = Instant.now().plusSeconds(120);
		while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
			for (Future<?> stream : streams) {
				if (stream.isDone()) {
					stream.get(); // a stream that ended early failed: say why
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Round " + round + ": only " + acknowledged.size() + " actions acknowledged");
			}
			ForkedPortal.sleep(Duration.ofMillis(20));
		}
	}

	/** The public ids of the merchant's orders in a status, from the Orders page. */
	private static List<String> orderIds(HttpUser user, Portal portal, String status) {
		Page page = user.get(portal, "/orders?status=" + status);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		Set<String> ids = new LinkedHashSet<>();
		Matcher link = ORDER_LINK.matcher(page.body());
		while (link.find()) {
			ids.add(link.group(1));
		}
		assertThat(ids).as("%s orders on the Orders page", status).hasSizeGreaterThanOrEqualTo(5);
		return List.copyOf(ids);
	}

	/**
	 * Sends a few acknowledged actions again, with their keys: each answers as before and
	 * nothing changes, because their idempotency records survived. (Had an action been
	 * lost, its repeat would apply it anew and change the order.)
	 */
	private static void assertRepeatsChangeNothing(ForkedPortal portal, List<Acknowledged> acknowledged, int round) {
		HttpUser user = new HttpUser().logIn(portal, MANAGER, PASSWORD);
		String csrf = user.get(portal, "/orders").csrf();
		List<Acknowledged> sample = new ArrayList<>(acknowledged);
		java.util.Collections.shuffle(sample);
		for (Acknowledged action : sample.subList(0, 5)) {
			String before = user.get(portal, "/orders/" + action.order()).body();
			Page repeat = action.action().send(user, portal, csrf, false);
			assertThat(repeat.status()).as("round %d: repeating %s after the restart: %s", round, action, repeat)
				.isEqualTo(302);
			String after = user.get(portal, "/orders/" + action.order()).body();
			assertThat(amounts(after))
				.as("round %d: the order's amounts after repeating %s (a change means it had been lost)", round, action)
				.isEqualTo(amounts(before));
		}
	}

	/**
	 * The amounts on an order's page as it shows them, but for those in the status
	 * message (which says what the last request did).
	 */
	private static List<String> amounts(String orderPage) {
		String order = STATUS_MESSAGE.matcher(orderPage).replaceFirst("");
		Matcher amount = AMOUNT.matcher(order);
		List<String> amounts = new ArrayList<>();
		while (amount.find()) {
			amounts.add(amount.group());
		}
		return amounts;
	}

	private static void assertNothingAcknowledgedLost(Rows database, List<Acknowledged> acknowledged, int round) {
		Set<String> recordedKeys = new HashSet<>();
		for (Map<String, Object> row : database.query("select idempotency_key from idempotency_key")) {
			recordedKeys.add((String) row.get("idempotency_key"));
		}
		Map<String, String> eventKeys = new LinkedHashMap<>();
		for (Map<String, Object> row : database
			.query("select e.idempotency_key, e.type, o.public_id from order_event e join purchase_order o"
					+ " on o.id = e.order_id where e.idempotency_key is not null")) {
			eventKeys.put((String) row.get("idempotency_key"), row.get("type") + " " + row.get("public_id"));
		}
		List<String> lost = new ArrayList<>();
		for (Acknowledged action : acknowledged) {
			if (!recordedKeys.contains(action.key())) {
				lost.add(action + ": no idempotency record");
			}
			if (!(action.eventType() + " " + action.order()).equals(eventKeys.get(action.key()))) {
				lost.add(action + ": no " + action.eventType() + " event");
			}
		}
		assertThat(lost).as("round %d: of %d acknowledged actions, these were lost", round, acknowledged.size())
			.isEmpty();
	}

	private static void assertEveryOrderWhole(Rows database, int round) {
		List<Map<String, Object>> broken = database
			.query("""
					select o.public_id, b.captured_amount, b.refunded_amount, b.released_amount from purchase_order o
					join order_balance b on b.order_id = o.id
					where b.captured_amount <> coalesce((select sum(e.amount) from order_event e
					        where e.order_id = o.id and e.type = 'CAPTURED'), 0)
					   or b.refunded_amount <> coalesce((select sum(e.amount) from order_event e
					        where e.order_id = o.id and e.type = 'REFUNDED'), 0)
					   or b.released_amount <> coalesce((select sum(e.amount) from order_event e
					        where e.order_id = o.id and e.type in ('CANCELLED', 'AUTHORIZATION_RELEASED', 'EXPIRED')), 0)""");
		assertThat(broken).as("round %d: orders whose amounts are not the sums of their events", round).isEmpty();
		List<Map<String, Object>> unrecorded = database.query("""
				select e.id, e.type, e.idempotency_key from order_event e where e.idempotency_key is not null
				and not exists (select 1 from idempotency_key k
				        where k.idempotency_key = e.idempotency_key and k.order_id = e.order_id)""");
		assertThat(unrecorded).as("round %d: events without their idempotency record", round).isEmpty();
		assertThat(database.query("select count(*) as orders from purchase_order"))
			.as("round %d: the orders are still there", round)
			.singleElement()
			.satisfies((row) -> assertThat(((Number) row.get("orders")).longValue()).isPositive());
	}

	private static Path freshDirectory(String name) {
		Path directory = Path.of("target", "crash-tests", name).toAbsolutePath();
		try {
			if (Files.exists(directory)) {
				try (Stream<Path> files = Files.walk(directory)) {
					for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(file);
					}
				}
			}
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A capture or refund of 1.00 with its own idempotency key. */
	private record Action(String kind, String order, String key) {

		Page send(HttpUser user, Portal portal, String csrf, boolean htmx) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("idempotencyKey", this.key);
			form.put("mode", "amount");
			form.put("amount", "1.00");
			if (this.kind.equals("refunds")) {
				form.put("reason", "RETURNED");
				form.put("note", "");
			}
			form.put("_csrf", csrf);
			String path = "/orders/" + this.order + "/" + this.kind;
			return htmx ? user.post(portal, path, form, "HX-Request", "true") : user.post(portal, path, form);
		}

	}

	private record Acknowledged(Action action) {

		String order() {
			return this.action.order();
		}

		String key() {
			return this.action.key();
		}

		String eventType() {
			return this.action.kind().equals("refunds") ? "REFUNDED" : "CAPTURED";
		}

		@Override
		public String toString() {
			return this.action.kind() + " of 1.00 on " + order() + " with key " + key();
		}

	}

	/** Rows of a query, each a map from lower-case column label to value. */
	@FunctionalInterface
	private interface Rows {

		List<Map<String, Object>> query(String sql, Object... parameters);

	}

	/** The embedded default's database files, read while no portal has them open. */
	private record H2Files(Path database) implements Rows {

		@Override
		public List<Map<String, Object>> query(String sql, Object... parameters) {
			try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + this.database, "sa", "");
					PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < parameters.length; i++) {
					statement.setObject(i + 1, parameters[i]);
				}
				List<Map<String, Object>> rows = new ArrayList<>();
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						Map<String, Object> row = new LinkedHashMap<>();
						for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
							row.put(result.getMetaData().getColumnLabel(column).toLowerCase(),
									result.getObject(column));
						}
						rows.add(row);
					}
				}
				return rows;
			}
			catch (SQLException ex) {
				throw new AssertionError("Reading " + this.database + " failed: " + ex.getMessage(), ex);
			}
		}

	}

}
