package org.merchantportal;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.merchantportal.HttpUser.Page;
import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.UserAdministration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the portal on the {@code postgres} profile, on random ports, sharing one
 * fresh PostgreSQL database, as behind the load balancer of {@code docker/compose.yaml}:
 * a session started on one node is the same session on the other, and no action happens
 * twice or half because two nodes served it. Everything goes through HTTP, as a browser
 * would send it; the database is read directly to check what happened.
 * <p>
 * Needs the PostgreSQL server that {@code bash .ci/run} starts (see
 * {@link TestDatabase}); without it the tests fail, they never skip.
 */
class TwoNodeTests {

	private static final String PASSWORD = "portal-demo-2026";

	private static final String MANAGER = "orders@nordic-shoes.example";

	private static TestDatabase database;

	private static PortalNode a;

	private static PortalNode b;

	private static TwoNodes nodes;

	private static ExecutorService threads;

	private static long nordic;

	private static long fjord;

	/** Orders already used by a test, so that each test starts from a fresh one. */
	private static final Set<String> usedOrders = new HashSet<>();

	@BeforeAll
	static void startTwoNodes() {
		nodes = TwoNodes.start();
		database = nodes.database();
		a = nodes.a();
		b = nodes.b();
		threads = nodes.threads();
		nordic = nodes.merchantId("Nordic Shoes AB");
		fjord = nodes.merchantId("Fjord Outdoor GmbH");
	}

	@AfterAll
	static void stopNodesAndDropDatabase() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void aSessionStartedOnOneNodeIsServedByTheOtherUntilItLogsOutOnEither() {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		String session = user.cookie("SESSION").orElseThrow(() -> new AssertionError("No SESSION cookie after login"));
		// Spring Session's cookie is the session id, Base64-encoded.
		String sessionId = new String(Base64.getDecoder().decode(session), StandardCharsets.US_ASCII);
		assertThat(database.queryRow("select principal_name from spring_session where session_id = ?", sessionId))
			.as("the session is stored in PostgreSQL")
			.containsEntry("principal_name", MANAGER);

		Page ordersOnB = user.get(b, "/orders");
		assertThat(ordersOnB.status()).as(ordersOnB.toString()).isEqualTo(200);
		assertThat(ordersOnB.body()).as("node B shows the user's own orders")
			.contains(newestReference(nordic))
			.doesNotContain(newestReference(fjord))
			.contains(MANAGER);
		assertThat(user.get(a, "/orders").status()).isEqualTo(200);

		Page logout = user.post(b, "/logout", Map.of("_csrf", ordersOnB.csrf()));
		assertThat(logout.status()).as(logout.toString()).isEqualTo(302);
		assertThat(logout.location()).isEqualTo("/login?logout");
		assertThat(user.cookie("SESSION")).as("the logout deletes the session cookie").isEmpty();
		assertThat(database.count("select count(*) from spring_session where session_id = ?", sessionId))
			.as("the logout deletes the session from PostgreSQL")
			.isZero();

		// A browser that kept the old cookie gets nothing from either node.
		HttpUser stale = HttpUser.withCookie("SESSION", session);
		for (PortalNode node : List.of(a, b)) {
			Page orders = stale.get(node, "/orders");
			assertThat(orders.status()).as(orders.toString()).isEqualTo(302);
			// To the login page: the first node says the session ended (it cannot tell a
			// logged-out id from a timed-out one) and clears the cookie, so the second
			// node sees none.
			assertThat(orders.location()).as(orders.toString()).isIn("/login?expired", "/login");
		}
	}

	@Test
	void staticFilesNeverTouchTheSessionStoreWhilePagesKeepTheSessionAlive() throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		String session = user.cookie("SESSION").orElseThrow();
		String htmx = webjar(user.get(a, "/orders").body());
		long loggedIn = lastAccess(session);

		for (String file : List.of("/favicon.svg", "/css/portal.css", "/js/portal.js", htmx)) {
			for (PortalNode node : List.of(a, b)) {
				node.statements().start();
				Page answer = user.get(node, file);
				List<String> sessionStatements = node.statements()
					.stop()
					.stream()
					.map(StatementRecorder.Recorded::sql)
					.filter(TwoNodeTests::readsOrWritesASession)
					.toList();
				assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
				assertThat(answer.header("Set-Cookie")).as("%s sets no cookie", answer).isNull();
				assertThat(sessionStatements).as("what %s asked of the session store", answer).isEmpty();
			}
		}
		assertThat(lastAccess(session)).as("the session's last access after static files only").isEqualTo(loggedIn);

		b.statements().start();
		assertThat(user.get(b, "/orders").status()).isEqualTo(200);
		assertThat(sessionUpdates(b.statements().stop()))
			.as("a page within a minute of the session's last write sends no update")
			.isEmpty();
		assertThat(lastAccess(session)).as("a page within a minute of the last write writes nothing")
			.isEqualTo(loggedIn);

		long aMinuteAgo = System.currentTimeMillis() - 61_000;
		database.update("update spring_session set last_access_time = ?, expiry_time = ? + 900000 where session_id = ?",
				aMinuteAgo, aMinuteAgo, sessionId(session));
		a.statements().start();
		assertThat(user.get(a, "/orders").status()).isEqualTo(200);
		assertThat(sessionUpdates(a.statements().stop()))
			.as("the page's session update, which need not wait for the disk")
			.singleElement()
			.asString()
			.contains("set_config('synchronous_commit', 'off', true)");
		assertThat(lastAccess(session)).as("a page keeps the session alive once its access time is a minute old")
			.isGreaterThan(aMinuteAgo + 60_000);
	}

	@Test
	void aPageReadsItsSessionOnceWritesNothingWithinAMinuteAndCommitsNothing() {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		String order = freshOrder("status = 'CAPTURED'");
		// The first page after login stores the session's new CSRF token.
		assertThat(user.get(b, "/orders").status()).isEqualTo(200);

		for (String path : List.of("/orders", "/orders/" + order)) {
			b.statements().start();
			Page page = user.get(b, path);
			List<String> sessionStatements = b.statements()
				.stop()
				.stream()
				.map(StatementRecorder.Recorded::sql)
				.filter(TwoNodeTests::readsOrWritesASession)
				.map((sql) -> sql.strip().substring(0, 6))
				.toList();
			assertThat(page.status()).as(page.toString()).isEqualTo(200);
			assertThat(sessionStatements).as("what %s asked of the session store", path).containsExactly("SELECT");
			assertThat(b.statements().commits()).as("commits for %s: its reads need no transaction", path).isZero();
		}
	}

	private static List<String> sessionUpdates(List<StatementRecorder.Recorded> statements) {
		return statements.stream()
			.map(StatementRecorder.Recorded::sql)
			.filter((sql) -> sql.strip().startsWith("UPDATE SPRING_SESSION AS S\n"))
			.toList();
	}

	/**
	 * Whether a statement reads or writes a session (the store's scheduled purge of
	 * expired sessions may run at any time, and is no request's doing).
	 */
	private static boolean readsOrWritesASession(String sql) {
		String statement = sql.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
		return statement.contains("SPRING_SESSION")
				&& !statement.startsWith("DELETE FROM SPRING_SESSION WHERE EXPIRY_TIME");
	}

	/** The path of the htmx script a page loads from its webjar. */
	private static String webjar(String page) {
		java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/webjars/[^\"]+)\"").matcher(page);
		assertThat(script.find()).as("the page loads htmx from its webjar").isTrue();
		return script.group(1);
	}

	/** When the store last saw the session whose cookie is given. */
	private static long lastAccess(String cookie) {
		return database.count("select last_access_time from spring_session where session_id = ?", sessionId(cookie));
	}

	/** The session's id in the store: the cookie holds it in base 64. */
	private static String sessionId(String cookie) {
		return new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void fortyFullRefundsWithDifferentKeysAcrossBothNodesRefundOnceAndRefuseTheRest() throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0");
		long captured = amounts(order).get("captured_amount");
		List<Supplier<Page>> refunds = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			PortalNode node = (i % 2 == 0) ? a : b;
			Page dialog = user.get(node, "/orders/" + order + "/refunds/new");
			assertThat(dialog.status()).as(dialog.toString()).isEqualTo(200);
			assertThat(minorUnits(dialog.input("amount"))).as("the dialog offers the full refundable amount")
				.isEqualTo(captured);
			keys.add(dialog.input("idempotencyKey"));
			Map<String, String> form = refundForm(dialog, dialog.input("amount"));
			refunds.add(() -> user.post(node, "/orders/" + order + "/refunds", form));
		}
		assertThat(keys).as("each dialog has its own idempotency key").hasSize(40);

		List<Page> answers = allAtOnce(refunds);

		List<Page> succeeded = answers.stream().filter((page) -> page.status() == 302).toList();
		List<Page> refused = answers.stream().filter((page) -> page.status() == 409).toList();
		assertThat(succeeded).as("answers: %s", answers).hasSize(1);
		assertThat(succeeded.get(0).location()).isEqualTo("/orders/" + order);
		assertThat(refused).as("answers: %s", answers).hasSize(39);
		assertThat(refused).allSatisfy(
				(page) -> assertThat(page.body()).contains("REFUND_NOT_ALLOWED").contains("Order is fully refunded"));
		assertThat(refused).extracting(Page::node).contains(a, b);

		Map<String, Long> amounts = amounts(order);
		assertThat(amounts.get("refunded_amount")).as("refunded equals captured").isEqualTo(captured);
		assertThat(eventCount(order, "REFUNDED")).as("REFUNDED events").isEqualTo(1);
		assertThat(eventSum(order, "REFUNDED")).isEqualTo(captured);
		assertThat(database.count(
				"select count(*) from idempotency_key k join purchase_order o on o.id = k.order_id where o.public_id = ?",
				order))
			.as("only the applied refund's key is recorded")
			.isEqualTo(1);
	}

	@Test
	void oneKeySentToBothNodesAtOnceByOneBrowserRefundsOnceAndBothAnswersSaySo() throws Exception {
		// A double click behind a round-robin load balancer: one session, one
		// form, one key, and the two requests on different nodes.
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		for (int round = 0; round < 3; round++) {
			String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0 and captured_amount > 2000");
			Page dialog = user.get(a, "/orders/" + order + "/refunds/new");
			String key = dialog.input("idempotencyKey");
			Map<String, String> form = refundForm(dialog, "12.50");

			List<Page> answers = allAtOnce(List.of(() -> user.post(a, "/orders/" + order + "/refunds", form),
					() -> user.post(b, "/orders/" + order + "/refunds", form)));

			assertRefundedOnce(order, key, 1250);
			assertThat(answers).as("round %d: both answers redirect to the order", round)
				.allSatisfy((page) -> assertThat(page.status()).as(page.toString()).isEqualTo(302))
				.allSatisfy((page) -> assertThat(page.location()).isEqualTo("/orders/" + order));
			// The browser follows the last answer's redirect.
			Page following = user.get(b, answers.get(1).location());
			assertThat(following.status()).isEqualTo(200);
			assertThat(following.statusMessage()).as("the message after the redirect")
				.startsWith("Refunded SEK 12.50 of order " + reference(order) + ".");
		}
	}

	@Test
	void oneKeySentToBothNodesAtOnceFromTwoTabsRefundsOnceAndBothAnswersSaySo() throws Exception {
		for (int round = 0; round < 2; round++) {
			// Two sessions of one user, one on each node, sending the same form.
			HttpUser onA = new HttpUser().logIn(a, MANAGER, PASSWORD);
			HttpUser onB = new HttpUser().logIn(b, MANAGER, PASSWORD);
			String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0 and captured_amount > 2000");
			Page dialog = onA.get(a, "/orders/" + order + "/refunds/new");
			String key = dialog.input("idempotencyKey");
			Map<String, String> formA = refundForm(dialog, "12.50");
			Map<String, String> formB = new LinkedHashMap<>(formA);
			formB.put("_csrf", onB.get(b, "/orders/" + order).csrf());

			List<Page> answers = allAtOnce(List.of(() -> onA.post(a, "/orders/" + order + "/refunds", formA),
					() -> onB.post(b, "/orders/" + order + "/refunds", formB)));

			assertRefundedOnce(order, key, 1250);
			assertThat(answers).as("both answers redirect to the order")
				.allSatisfy((page) -> assertThat(page.status()).as(page.toString()).isEqualTo(302))
				.allSatisfy((page) -> assertThat(page.location()).isEqualTo("/orders/" + order));
			String messageOnA = onA.get(a, answers.get(0).location()).statusMessage();
			String messageOnB = onB.get(b, answers.get(1).location()).statusMessage();
			assertThat(messageOnA).as("the message after the redirect on A")
				.startsWith("Refunded SEK 12.50 of order " + reference(order) + ".");
			assertThat(messageOnB).as("the message after the redirect on B").isEqualTo(messageOnA);
		}
	}

	@Test
	void oneKeySentToBothNodesAtOnceFromHtmxRefundsOnceAndBothAnswersSaySo() throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		for (int round = 0; round < 3; round++) {
			String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0 and captured_amount > 2000");
			Page dialog = user.get(b, "/orders/" + order + "/refunds/new", "HX-Request", "true");
			String key = dialog.input("idempotencyKey");
			Map<String, String> form = refundForm(dialog, "7.25");

			List<Page> answers = allAtOnce(
					List.of(() -> user.post(a, "/orders/" + order + "/refunds", form, "HX-Request", "true"),
							() -> user.post(b, "/orders/" + order + "/refunds", form, "HX-Request", "true")));

			assertRefundedOnce(order, key, 725);
			assertThat(answers).allSatisfy((page) -> assertThat(page.status()).as(page.toString()).isEqualTo(200));
			assertThat(answers.get(0).statusMessage()).as("the message in A's answer")
				.startsWith("Refunded SEK 7.25 of order " + reference(order) + ".");
			assertThat(answers.get(1).statusMessage()).as("the message in B's answer")
				.isEqualTo(answers.get(0).statusMessage());
		}
	}

	@Test
	void aCancelOnOneNodeRacingACaptureOnTheOtherAppliesExactlyOne() throws Exception {
		HttpUser user = new HttpUser().logIn(a, MANAGER, PASSWORD);
		List<String> winners = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			String order = freshOrder("status = 'AUTHORIZED' and captured_amount = 0 and released_amount = 0"
					+ " and authorization_expires_on > current_date + 2");
			long orderAmount = amounts(order).get("order_amount");
			long eventsBefore = eventCount(order);
			Page cancelDialog = user.get(a, "/orders/" + order + "/cancel");
			Page captureDialog = user.get(b, "/orders/" + order + "/captures/new");
			Map<String, String> cancel = Map.of("idempotencyKey", cancelDialog.input("idempotencyKey"), "_csrf",
					cancelDialog.csrf());
			Map<String, String> capture = new LinkedHashMap<>();
			capture.put("idempotencyKey", captureDialog.input("idempotencyKey"));
			capture.put("mode", "amount");
			capture.put("amount", captureDialog.input("amount"));
			capture.put("_csrf", captureDialog.csrf());

			List<Page> answers = allAtOnce(List.of(() -> user.post(a, "/orders/" + order + "/cancel", cancel),
					() -> user.post(b, "/orders/" + order + "/captures", capture)));

			Page cancelled = answers.get(0);
			Page captured = answers.get(1);
			assertThat(List.of(cancelled.status(), captured.status())).as("round %d: %s", round, answers)
				.containsExactlyInAnyOrder(302, 409);
			Map<String, Long> amounts = amounts(order);
			String status = database.queryRow("select status from purchase_order where public_id = ?", order)
				.get("status")
				.toString();
			if (cancelled.status() == 302) {
				winners.add("cancel");
				assertThat(captured.body()).contains("CAPTURE_NOT_ALLOWED");
				assertThat(status).isEqualTo("CANCELLED");
				assertThat(amounts).containsEntry("captured_amount", 0L).containsEntry("released_amount", orderAmount);
				assertThat(eventCount(order, "CANCELLED")).isEqualTo(1);
				assertThat(eventCount(order, "CAPTURED")).isZero();
			}
			else {
				winners.add("capture");
				assertThat(cancelled.body()).contains("CANCEL_NOT_ALLOWED");
				assertThat(status).isEqualTo("CAPTURED");
				assertThat(amounts).containsEntry("captured_amount", orderAmount).containsEntry("released_amount", 0L);
				assertThat(eventCount(order, "CAPTURED")).isEqualTo(1);
				assertThat(eventCount(order, "CANCELLED")).isZero();
			}
			// The timeline agrees with the amounts, whichever won.
			assertThat(eventSum(order, "CAPTURED")).isEqualTo(amounts.get("captured_amount"));
			assertThat(eventSum(order, "CANCELLED")).isEqualTo(amounts.get("released_amount"));
			assertThat(eventSum(order, "REFUNDED")).isEqualTo(amounts.get("refunded_amount")).isZero();
			assertThat(eventCount(order)).as("round %d: one event, the winner's", round).isEqualTo(eventsBefore + 1);
		}
		System.out.println("Cancel against capture, winners by round: " + winners);
	}

	// --- Helpers ---------------------------------------------------------------

	/**
	 * Sends all requests at the same moment, each from its own thread; answers in order.
	 */
	// --- The merchant API across both nodes ------------------------------------------

	@Test
	void fortyFullRefundsOverTheApiWithFortyKeysAcrossBothNodesRefundOnceAndRefuseTheRest() throws Exception {
		String basic = apiCredential("Race " + UUID.randomUUID());
		String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0");
		long captured = amounts(order).get("captured_amount");
		List<Callable<HttpResponse<String>>> refunds = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			PortalNode node = (i % 2 == 0) ? a : b;
			String key = UUID.randomUUID().toString();
			refunds.add(() -> apiRefund(node, basic, order, key, captured));
		}
		List<HttpResponse<String>> answers = allAtOnceOverApi(refunds);
		assertThat(answers).as("answers").filteredOn((answer) -> answer.statusCode() == 201).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 403)
			.hasSize(39)
			.allSatisfy((answer) -> assertThat(answer.body()).contains("\"error_code\":\"REFUND_NOT_ALLOWED\""));
		assertThat(amounts(order).get("refunded_amount")).isEqualTo(captured);
		assertThat(eventCount(order, "REFUNDED")).isEqualTo(1);
	}

	@Test
	void fortyRefundsOverTheApiWithOneKeyAcrossBothNodesRefundOnceAndAllSayTheSame() throws Exception {
		String basic = apiCredential("Retry " + UUID.randomUUID());
		String order = freshOrder("status = 'CAPTURED' and refunded_amount = 0");
		String key = UUID.randomUUID().toString();
		List<Callable<HttpResponse<String>>> refunds = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			PortalNode node = (i % 2 == 0) ? a : b;
			refunds.add(() -> apiRefund(node, basic, order, key, 100));
		}
		List<HttpResponse<String>> answers = allAtOnceOverApi(refunds);
		List<HttpResponse<String>> created = answers.stream().filter((answer) -> answer.statusCode() == 201).toList();
		assertThat(answers).as("every answer is the first one's 201, or 409 while it was in flight")
			.allSatisfy((answer) -> assertThat(answer.statusCode()).isIn(201, 409));
		assertThat(created).isNotEmpty();
		assertThat(created).extracting((answer) -> answer.headers().firstValue("Refund-Id").orElseThrow())
			.containsOnly(created.get(0).headers().firstValue("Refund-Id").orElseThrow());
		assertRefundedOnce(order, key, 100);
	}

	/** A new API credential of Nordic Shoes, as an HTTP Basic header value. */
	private static String apiCredential(String name) {
		long adminId = database.count("select id from portal_user where username = 'admin@nordic-shoes.example'");
		ApiCredentials.Created created = a.context()
			.getBean(ApiCredentials.class)
			.create(new UserAdministration.Admin(nordic, adminId, "admin@nordic-shoes.example", null), name);
		return "Basic " + Base64.getEncoder()
			.encodeToString(
					(created.credential().getUsername() + ":" + created.secret()).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> apiRefund(PortalNode node, String basic, String order, String key, long amount)
			throws Exception {
		return API.send(HttpRequest.newBuilder(node.uri("/ordermanagement/v1/orders/" + order + "/refunds"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.header("Klarna-Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString("{\"refunded_amount\": " + amount + "}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static final HttpClient API = HttpClient.newHttpClient();

	private static List<HttpResponse<String>> allAtOnceOverApi(List<Callable<HttpResponse<String>>> requests)
			throws Exception {
		CountDownLatch ready = new CountDownLatch(requests.size());
		CountDownLatch go = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		for (Callable<HttpResponse<String>> request : requests) {
			answers.add(threads.submit(() -> {
				ready.countDown();
				go.await();
				return request.call();
			}));
		}
		assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
		go.countDown();
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (Future<HttpResponse<String>> answer : answers) {
			responses.add(answer.get(60, TimeUnit.SECONDS));
		}
		return responses;
	}

	private static List<Page> allAtOnce(List<Supplier<Page>> requests) throws Exception {
		CountDownLatch ready = new CountDownLatch(requests.size());
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Page>> answers = new ArrayList<>();
		for (Supplier<Page> request : requests) {
			answers.add(threads.submit(() -> {
				ready.countDown();
				go.await();
				return request.get();
			}));
		}
		assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
		go.countDown();
		List<Page> pages = new ArrayList<>();
		for (Future<Page> answer : answers) {
			pages.add(answer.get(60, TimeUnit.SECONDS));
		}
		return pages;
	}

	private static Map<String, String> refundForm(Page dialog, String amount) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("idempotencyKey", dialog.input("idempotencyKey"));
		form.put("mode", "amount");
		form.put("amount", amount);
		form.put("reason", "RETURNED");
		form.put("note", "");
		form.put("_csrf", dialog.csrf());
		return form;
	}

	private static void assertRefundedOnce(String order, String key, long amount) {
		assertThat(amounts(order).get("refunded_amount")).as("refunded once").isEqualTo(amount);
		assertThat(eventCount(order, "REFUNDED")).as("REFUNDED events").isEqualTo(1);
		assertThat(database.count("select count(*) from order_event where idempotency_key = ?", key)).isEqualTo(1);
		assertThat(database.count("select count(*) from idempotency_key where idempotency_key = ?", key)).isEqualTo(1);
	}

	/** A Nordic Shoes order in the given state that no other test used. */
	private static synchronized String freshOrder(String condition) {
		for (Map<String, Object> row : database.query(
				"select public_id from purchase_order join order_balance on order_balance.order_id = purchase_order.id where merchant_id = ? and "
						+ condition + " order by id",
				nordic)) {
			String order = row.get("public_id").toString();
			if (usedOrders.add(order)) {
				return order;
			}
		}
		throw new AssertionError("The demo data has no more orders where " + condition);
	}

	private static String reference(String order) {
		return database.queryRow("select merchant_reference from purchase_order where public_id = ?", order)
			.get("merchant_reference")
			.toString();
	}

	private static String newestReference(long merchant) {
		return database
			.queryRow("select merchant_reference from purchase_order where merchant_id = ?"
					+ " order by created_at desc, id desc limit 1", merchant)
			.get("merchant_reference")
			.toString();
	}

	private static Map<String, Long> amounts(String order) {
		Map<String, Long> amounts = new LinkedHashMap<>();
		database
			.queryRow(
					"select order_amount, captured_amount, refunded_amount, released_amount from purchase_order"
							+ " join order_balance on order_balance.order_id = purchase_order.id where public_id = ?",
					order)
			.forEach((column, value) -> amounts.put(column, ((Number) value).longValue()));
		return amounts;
	}

	private static long eventCount(String order, String type) {
		return database.count("select count(*) from order_event e join purchase_order o on o.id = e.order_id"
				+ " where o.public_id = ? and e.type = ?", order, type);
	}

	private static long eventCount(String order) {
		return database.count("select count(*) from order_event e join purchase_order o on o.id = e.order_id"
				+ " where o.public_id = ?", order);
	}

	private static long eventSum(String order, String type) {
		return database.count("select coalesce(sum(e.amount), 0) from order_event e join purchase_order o"
				+ " on o.id = e.order_id where o.public_id = ? and e.type = ?", order, type);
	}

	private static long minorUnits(String decimal) {
		return new BigDecimal(decimal).movePointRight(2).longValueExact();
	}

}
