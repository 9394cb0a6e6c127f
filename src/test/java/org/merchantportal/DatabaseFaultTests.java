package org.merchantportal;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.merchantportal.HttpUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations side of the {@code postgres} profile, on two nodes sharing one fresh
 * PostgreSQL database: health and probes for load balancers, Prometheus metrics for
 * admins, and what happens while the database refuses connections: every request answers
 * 503 with a clear message (in the status region for htmx), nothing is half applied, and
 * once the database is back the same nodes serve again without a restart.
 * <p>
 * The outage is real: the test database stops accepting connections
 * ({@code ALLOW_CONNECTIONS false}) and every open connection to it is terminated, which
 * is what the pools see when the server stops. Needs the PostgreSQL server that
 * {@code bash .ci/run} starts (see {@link TestDatabase}); without it the tests fail, they
 * never skip.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultTests {

	private static final String PASSWORD = "portal-demo-2026";

	private static final String MANAGER = "orders@nordic-shoes.example";

	private static final String ADMIN = "admin@nordic-shoes.example";

	private static final String UNAVAILABLE = "The portal cannot reach its database right now. Nothing was changed: "
			+ "try again in a minute.";

	private static TestDatabase database;

	private static PortalNode a;

	private static PortalNode b;

	/**
	 * The operator's HTTP Basic login (portal.operator.password of the test
	 * configuration).
	 */
	private static final String OPERATOR = "Basic " + java.util.Base64.getEncoder()
		.encodeToString("operator:operator-test-password-2026".getBytes(java.nio.charset.StandardCharsets.UTF_8));

	private static TwoNodes nodes;

	private static ExecutorService threads;

	private static long nordic;

	@BeforeAll
	static void startTwoNodes() {
		nodes = TwoNodes.start();
		database = nodes.database();
		a = nodes.a();
		b = nodes.b();
		threads = nodes.threads();
		nordic = nodes.merchantId("Nordic Shoes AB");
	}

	@AfterAll
	static void stopNodesAndDropDatabase() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	@Order(1)
	void healthReadinessAndLivenessAreUpOnEveryNodeWithoutLogin() {
		HttpUser loadBalancer = new HttpUser();
		for (PortalNode node : List.of(a, b)) {
			for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
				Page health = loadBalancer.get(node, path);
				assertThat(health.status()).as(health.toString()).isEqualTo(200);
				assertThat(health.body()).as(health.toString()).contains("\"status\":\"UP\"");
			}
		}
	}

	@Test
	@Order(2)
	void prometheusIsForTheOperatorOnlyAndCountsActionsByMerchantAndOutcome() {
		Page anonymous = new HttpUser().get(a, "/actuator/prometheus");
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		HttpUser manager = new HttpUser().logIn(a, MANAGER, PASSWORD);
		HttpUser merchantAdmin = new HttpUser().logIn(a, ADMIN, PASSWORD);
		for (HttpUser merchantUser : List.of(manager, merchantAdmin)) {
			Page refused = merchantUser.get(a, "/actuator/prometheus");
			assertThat(refused.status()).as("a merchant's user, even an admin: " + refused).isEqualTo(401);
			assertThat(refused.body()).doesNotContain("portal_order_actions");
		}
		HttpUser admin = new HttpUser();
		double succeededBefore = refunds(admin, "succeeded");
		double refusedBefore = refunds(admin, "refused");

		// Two tabs with the refund dialog of one order: the first refunds everything, the
		// second is refused.
		String order = orderWhere("status = 'CAPTURED' and refunded_amount = 0");
		Page first = manager.get(a, "/orders/" + order + "/refunds/new");
		Page second = manager.get(a, "/orders/" + order + "/refunds/new");
		Page refunded = manager.post(a, "/orders/" + order + "/refunds", refundForm(first));
		assertThat(refunded.status()).as(refunded.toString()).isEqualTo(302);
		Page refused = manager.post(a, "/orders/" + order + "/refunds", refundForm(second));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);

		Page metrics = admin.get(a, "/actuator/prometheus", "Authorization", OPERATOR);
		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
		assertThat(metrics.header("Content-Type")).startsWith("text/plain");
		assertThat(refunds(admin, "succeeded")).as("portal_order_actions_total of succeeded refunds")
			.isEqualTo(succeededBefore + 1);
		assertThat(refunds(admin, "refused")).as("portal_order_actions_total of refused refunds")
			.isEqualTo(refusedBefore + 1);
	}

	@Test
	@Order(3)
	void whileTheDatabaseRefusesConnectionsEveryRequestAnswers503AndOnceItIsBackTheSameNodesServeAgain()
			throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		HttpUser newcomer = new HttpUser();
		String loginCsrf = newcomer.get(b, "/login").csrf();
		String order = orderWhere("status = 'CAPTURED' and refunded_amount = 0");
		Page dialogOnA = user.get(a, "/orders/" + order + "/refunds/new");
		Page dialogOnB = user.get(b, "/orders/" + order + "/refunds/new", "HX-Request", "true");
		Map<String, String> plainRefund = refundForm(dialogOnA);
		Map<String, String> htmxRefund = refundForm(dialogOnB);
		List<String> keys = List.of(plainRefund.get("idempotencyKey"), htmxRefund.get("idempotencyKey"));
		Map<String, Object> before = orderState(order);
		// Idle nodes: their pools check a connection unused for more than half a second
		// before lending it, find it dead and try to open a new one, which is refused. (A
		// database going down while the nodes are busy is the next test.)
		Thread.sleep(1000);

		database.refuseConnections();
		try {
			awaitNoConnections();
			Map<String, Supplier<Page>> requests = new LinkedHashMap<>();
			requests.put("page on A", () -> user.get(a, "/orders/" + order));
			requests.put("page on B", () -> user.get(b, "/orders"));
			requests.put("htmx on A", () -> user.get(a, "/orders/" + order, "HX-Request", "true"));
			requests.put("refund on A", () -> user.post(a, "/orders/" + order + "/refunds", plainRefund));
			requests.put("htmx refund on B",
					() -> user.post(b, "/orders/" + order + "/refunds", htmxRefund, "HX-Request", "true"));
			requests.put("login on B", () -> newcomer.post(b, "/login",
					Map.of("username", MANAGER, "password", PASSWORD, "_csrf", loginCsrf)));
			requests.put("health on A", () -> new HttpUser().get(a, "/actuator/health"));
			requests.put("readiness on B", () -> new HttpUser().get(b, "/actuator/health/readiness"));
			requests.put("liveness on A", () -> new HttpUser().get(a, "/actuator/health/liveness"));
			Map<String, Page> answers = inParallel(requests);

			for (String page : List.of("page on A", "page on B", "refund on A", "login on B")) {
				Page answer = answers.get(page);
				assertThat(answer.status()).as(page + ": " + answer + "\n" + answer.body()).isEqualTo(503);
				assertThat(answer.header("Content-Type")).startsWith("text/html");
				assertThat(answer.body()).as(page).contains("<h1>Temporarily unavailable</h1>").contains(UNAVAILABLE);
			}
			for (String htmx : List.of("htmx on A", "htmx refund on B")) {
				Page answer = answers.get(htmx);
				assertThat(answer.status()).as(htmx + ": " + answer + "\n" + answer.body()).isEqualTo(503);
				assertThat(answer.header("HX-Reswap")).as(htmx + ": the page stays as it is").isEqualTo("none");
				assertThat(answer.body()).as(htmx).contains("hx-swap-oob=\"innerHTML:#status-message\"");
				assertThat(answer.statusMessage()).as(htmx + ": the message in the status region")
					.isEqualTo(UNAVAILABLE);
			}
			for (String probe : List.of("health on A", "readiness on B")) {
				Page answer = answers.get(probe);
				assertThat(answer.status()).as(probe + ": " + answer + "\n" + answer.body()).isEqualTo(503);
				assertThat(answer.body()).as(probe).contains("\"status\":\"DOWN\"");
			}
			Page liveness = answers.get("liveness on A");
			assertThat(liveness.status()).as("the process itself is alive: no reason to restart it").isEqualTo(200);
		}
		finally {
			database.allowConnections();
		}

		// The same nodes, the same session: served again once their pools reconnect.
		for (PortalNode node : List.of(a, b)) {
			Page page = poll(() -> user.get(node, "/orders/" + order), Duration.ofSeconds(20));
			assertThat(page.status()).as("%s serves again without a restart: %s", node, page).isEqualTo(200);
			assertThat(new HttpUser().get(node, "/actuator/health").status()).isEqualTo(200);
			assertThat(new HttpUser().get(node, "/actuator/health/readiness").status()).isEqualTo(200);
		}

		// Nothing of the refused requests was applied, not even half.
		assertThat(orderState(order)).as("the order is unchanged").isEqualTo(before);
		for (String key : keys) {
			assertThat(database.count("select count(*) from order_event where idempotency_key = ?", key)).isZero();
			assertThat(database.count("select count(*) from idempotency_key where idempotency_key = ?", key)).isZero();
		}

		// "Try again in a minute": the same form, sent again, now refunds once.
		Page retried = user.post(a, "/orders/" + order + "/refunds", plainRefund);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(302);
		assertThat(database.count("select count(*) from order_event where idempotency_key = ?", keys.get(0)))
			.isEqualTo(1);
		assertThat(orderState(order).get("refunded_amount")).isEqualTo(before.get("captured_amount"));
		Page login = newcomer.logIn(b, MANAGER, PASSWORD).get(b, "/orders");
		assertThat(login.status()).as("logging in works again: " + login).isEqualTo(200);
	}

	/**
	 * The database goes down right after the nodes used their connections: the first
	 * requests after it get those connections unchecked, their statements and the
	 * rollback that follows fail, and they too must answer the 503 message, not an error
	 * page.
	 */
	@Test
	@Order(4)
	void theFirstRequestsAfterTheDatabaseWentDownUnderBusyNodesAnswer503NotAnError() throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		String order = orderWhere("status = 'CAPTURED'");
		for (PortalNode node : List.of(a, b)) {
			assertThat(user.get(node, "/orders/" + order).status()).isEqualTo(200);
		}
		Map<String, Page> answers;
		try (Connection server = database.serverConnection()) {
			// Busy nodes: each has just used its connections when the database goes down,
			// so its pool lends them again without checking them first (HikariCP checks
			// only connections idle for more than half a second).
			Map<String, Supplier<Page>> busy = new LinkedHashMap<>();
			busy.put("page on A", () -> user.get(a, "/orders/" + order));
			busy.put("page on B", () -> user.get(b, "/orders/" + order));
			assertThat(inParallel(busy).values()).allSatisfy((page) -> assertThat(page.status()).isEqualTo(200));
			database.refuseConnections(server);
			Map<String, Supplier<Page>> requests = new LinkedHashMap<>();
			requests.put("page on A", () -> user.get(a, "/orders/" + order));
			requests.put("htmx on A", () -> user.get(a, "/orders/" + order, "HX-Request", "true"));
			requests.put("page on B", () -> user.get(b, "/orders/" + order));
			requests.put("htmx on B", () -> user.get(b, "/orders/" + order, "HX-Request", "true"));
			answers = inParallel(requests);
		}
		finally {
			database.allowConnections();
		}
		for (PortalNode node : List.of(a, b)) {
			Page page = poll(() -> user.get(node, "/orders/" + order), Duration.ofSeconds(20));
			assertThat(page.status()).as("%s serves again without a restart: %s", node, page).isEqualTo(200);
		}

		answers.forEach((request, answer) -> {
			assertThat(answer.status())
				.as("%s: %s%s", request, answer,
						answer.body().contains("HTTP Status 500") ? " with Tomcat's bare error page" : "")
				.isEqualTo(503);
			assertThat(answer.body()).as(request).contains(UNAVAILABLE);
		});
	}

	// --- Helpers ---------------------------------------------------------------

	private static final Pattern SAMPLE = Pattern.compile("(?m)^portal_order_actions_total\\{([^}]*)\\} (\\S+)$");

	/**
	 * The value of the refund counter of the Nordic merchant with the outcome, 0 if none.
	 */
	private static double refunds(HttpUser admin, String outcome) {
		Page metrics = admin.get(a, "/actuator/prometheus", "Authorization", OPERATOR);
		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
		Matcher sample = SAMPLE.matcher(metrics.body());
		double value = 0;
		while (sample.find()) {
			String labels = sample.group(1);
			if (labels.contains("action=\"refund\"") && labels.contains("merchant=\"" + nordic + "\"")
					&& labels.contains("outcome=\"" + outcome + "\"")) {
				value += Double.parseDouble(sample.group(2));
			}
		}
		return value;
	}

	private static Map<String, Page> inParallel(Map<String, Supplier<Page>> requests) throws Exception {
		Map<String, Future<Page>> futures = new LinkedHashMap<>();
		requests.forEach((name, request) -> futures.put(name, threads.submit(request::get)));
		Map<String, Page> answers = new LinkedHashMap<>();
		for (Map.Entry<String, Future<Page>> future : futures.entrySet()) {
			// Each waits at most the pool's connection timeout (5 s), then answers.
			answers.put(future.getKey(), future.getValue().get(30, TimeUnit.SECONDS));
		}
		return answers;
	}

	private static Page poll(Supplier<Page> request, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Page page = request.get();
		while (page.status() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(250);
			page = request.get();
		}
		return page;
	}

	private static void awaitNoConnections() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (database.openConnections() > 0) {
			assertThat(System.nanoTime()).as("the database's connections are terminated").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static Map<String, String> refundForm(Page dialog) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("idempotencyKey", dialog.input("idempotencyKey"));
		form.put("mode", "amount");
		form.put("amount", dialog.input("amount"));
		form.put("reason", "RETURNED");
		form.put("note", "");
		form.put("_csrf", dialog.csrf());
		return form;
	}

	private static final List<String> usedOrders = new ArrayList<>();

	private static String orderWhere(String condition) {
		for (Map<String, Object> row : database.query(
				"select public_id from purchase_order join order_balance on order_balance.order_id = purchase_order.id where merchant_id = ? and "
						+ condition + " order by id",
				nordic)) {
			String order = row.get("public_id").toString();
			if (!usedOrders.contains(order)) {
				usedOrders.add(order);
				return order;
			}
		}
		throw new AssertionError("The demo data has no more orders where " + condition);
	}

	private static Map<String, Object> orderState(String order) {
		Map<String, Object> state = new LinkedHashMap<>(database.queryRow(
				"select status, captured_amount, refunded_amount, released_amount from purchase_order"
						+ " join order_balance on order_balance.order_id = purchase_order.id where public_id = ?",
				order));
		state.put("events", database.count(
				"select count(*) from order_event e join purchase_order o on o.id = e.order_id where o.public_id = ?",
				order));
		state.put("keys", database.count(
				"select count(*) from idempotency_key k join purchase_order o on o.id = k.order_id where o.public_id = ?",
				order));
		return state;
	}

}
