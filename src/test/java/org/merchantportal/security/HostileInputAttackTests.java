package org.merchantportal.security;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.HtmlTags.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Hostile input: customer names, e-mails, references, refund notes and search terms that
 * hold markup, htmx attributes or template expressions render as inert text in every
 * page, fragment and dialog; malformed amounts and quantities answer 422, malformed
 * searches, filters, cursors and sort orders 400 with a clear message, never 500, and
 * change nothing; oversized fields are refused without being echoed back, and a form post
 * too large to read answers 413; a POST without a valid CSRF token answers 403 and
 * changes nothing.
 */
@AttackTest
class HostileInputAttackTests {

	/** What an attacker puts into a field that the portal shows back. */
	static final List<String> PAYLOADS = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
			"hx-get=\"/orders/x/cancel\"", "\"><a hx-get=\"/orders/x/cancel\" hx-trigger=load>x</a>", "{{7*7}}",
			"[[${7*7}]]", "__${7*7}__", "[(${7*7})]", "*{7*7}", "#{7*7}", "${7*7}");

	/** The amounts a person or a script could type into the amount field, all refused. */
	static final List<String> BAD_AMOUNTS = List.of("-1", "0", "0.00", "1e3", "NaN", "Infinity", "12.345",
			"99999999999999999999", "9223372036854775807", "", " ", "１２", "1,000.00", "1 000", "0x10", "+5", "250.01",
			"<script>alert(1)</script>");

	static final List<String> BAD_QUANTITIES = List.of("abc", "1.5", "1e2", "-1", "99999999", "３", "0x1", "3");

	/** What a client can send that no field takes: a megabyte. */
	static final int MEGABYTE = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	// --- Stored markup and expressions
	// -----------------------------------------------------

	@Test
	void hostileNamesReferencesEmailsAndNotesRenderInertInEveryPageFragmentAndDialog() throws Exception {
		long nordic = this.fixtures.nordic();
		List<String> urls = new ArrayList<>();
		Map<Order, String> payloadOf = new LinkedHashMap<>();
		for (int i = 0; i < PAYLOADS.size(); i++) {
			String payload = PAYLOADS.get(i);
			Order order = this.fixtures.order(nordic, OrderStatus.PART_CAPTURED, "H" + i + "|" + payload + "|",
					"Zq|" + payload + "|qZ", payload + "@h" + i + ".example");
			payloadOf.put(order, payload);
			String base = "/orders/" + order.getPublicId();
			// A refund whose note holds the payload, as htmx and as a plain form.
			assertInert(hostile(post(base + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", "1")
				.param("reason", "OTHER")
				.param("note", "Nq|" + payload + "|qN")
				.header("HX-Request", "true")
				.header("HX-Current-URL", "http://localhost" + base), 200), "the refund's answer");
			hostile(post(base + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", "1")
				.param("reason", "OTHER")
				.param("note", "Nq|" + payload + "|qN"), 302);
			// A refund refused for its amount shows the note again in the form.
			assertInert(hostile(post(base + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", payload)
				.param("reason", "OTHER")
				.param("note", "Nq|" + payload + "|qN")
				.header("HX-Request", "true"), 422), "a refused refund");
			urls.add(base);
			for (String dialog : List.of("cancel", "captures/new", "refunds/new", "release-authorization",
					"extend-authorization")) {
				urls.add(base + "/" + dialog);
			}
		}
		for (Order order : payloadOf.keySet()) {
			String payload = payloadOf.get(order);
			String escaped = HtmlUtils.htmlEscape(payload);
			String details = assertInert(hostile(get("/orders/" + order.getPublicId()), 200), "details");
			assertThat(details).contains("Zq|" + escaped + "|qZ")
				.contains("H" + PAYLOADS.indexOf(payload) + "|" + escaped + "|")
				.contains(escaped + "@h")
				.contains("Nq|" + escaped + "|qN");
		}
		for (String url : urls) {
			assertInert(hostile(get(url), 200, 409), url);
			assertInert(hostile(get(url).header("HX-Request", "true"), 200, 409), url + " (htmx)");
		}
		for (String q : List.of("H", "h1|", "zq|")) {
			String list = assertInert(hostile(get("/orders").param("q", q), 200), "the list");
			assertInert(hostile(
					get("/orders").param("q", q).header("HX-Request", "true").header("HX-Target", "order-results"),
					200), "the search results");
			if (q.equals("H")) {
				for (String payload : PAYLOADS) {
					assertThat(list).contains("Zq|" + HtmlUtils.htmlEscape(payload) + "|qZ");
				}
			}
		}
	}

	@Test
	void hostileSearchTermsAreHarmless() throws Exception {
		long nordic = this.fixtures.nordic();
		for (int i = 0; i < PAYLOADS.size(); i++) {
			this.fixtures.order(nordic, OrderStatus.AUTHORIZED, "S" + i, "Search Target",
					PAYLOADS.get(i) + "@s" + i + ".example");
		}
		List<String> terms = new ArrayList<>(PAYLOADS);
		terms.addAll(List.of("' OR '1'='1", "%' --", "\\", "%", "_", "NS-%", "javascript:alert(1)"));
		for (String term : terms) {
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = get("/orders").param("q", term);
				if (htmx) {
					request.header("HX-Request", "true").header("HX-Target", "order-results");
				}
				String body = assertInert(hostile(request, 200), "searching " + term);
				if (PAYLOADS.contains(term)) {
					assertThat(body).as("searching %s finds the order whose e-mail starts with it", term)
						.contains(HtmlUtils.htmlEscape(term) + "@s" + PAYLOADS.indexOf(term) + ".example");
				}
				if (term.equals("%") || term.equals("NS-%")) {
					assertThat(AttackFixtures.rowIds(body)).as("LIKE wildcards are searched for literally").isEmpty();
				}
			}
		}
	}

	private MockHttpServletResponse hostile(MockHttpServletRequestBuilder request, Integer... expected)
			throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(request.with(csrf()).with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isIn((Object[]) expected);
		return response;
	}

	/**
	 * Asserts nothing in the body could run or act: no injected element, attribute or
	 * evaluated expression.
	 */
	private static String assertInert(MockHttpServletResponse response, String where) throws Exception {
		String body = response.getContentAsString();
		String lower = body.toLowerCase(Locale.ROOT);
		assertThat(lower).as(where)
			.doesNotContain("<script>alert")
			.doesNotContain("<img src=x")
			.doesNotContain("<a hx-get");
		for (String payload : PAYLOADS) {
			if (payload.contains("<") || payload.contains("\"")) {
				assertThat(body).as("%s holds %s unescaped", where, payload).doesNotContain(payload);
			}
		}
		for (String marker : List.of("Zq|", "Nq|", "|")) {
			assertThat(body).as("%s evaluated an expression", where).doesNotContain(marker + "49");
		}
		for (Tag tag : HtmlTags.of(body)) {
			assertThat(tag.attributes().keySet()).as("%s: attributes of %s", where, tag)
				.noneMatch((name) -> name.startsWith("on"));
			tag.attributes().forEach((name, value) -> {
				if (name.startsWith("hx-") || name.startsWith("data-hx-") || name.equals("href")
						|| name.equals("action") || name.equals("src")) {
					// A search term may come back in a link's query (the export link
					// carries the
					// search), never in its path.
					String path = value.contains("?") ? value.substring(0, value.indexOf('?')) : value;
					assertThat(path).as("%s: %s of %s", where, name, tag).doesNotContain("/orders/x/");
				}
			});
			if (tag.name().equals("script")) {
				assertThat(tag.get("src")).as("%s: a script", where).isNotNull().startsWith("/");
			}
			if (tag.name().equals("img")) {
				assertThat(tag.get("src")).as("%s: an image", where).isNotEqualTo("x");
			}
		}
		return body;
	}

	// --- Amounts and quantities ------------------------------------------------------

	@Test
	void malformedAmountsOnCaptureAndRefundAnswer422AndChangeNothing() throws Exception {
		long nordic = this.fixtures.nordic();
		Order authorized = this.fixtures.order(nordic, OrderStatus.AUTHORIZED);
		Order captured = this.fixtures.order(nordic, OrderStatus.CAPTURED);
		for (String amount : BAD_AMOUNTS) {
			for (boolean htmx : new boolean[] { false, true }) {
				refused(authorized, "/captures", htmx, "mode", "amount", "amount", amount);
				refused(captured, "/refunds", htmx, "mode", "amount", "amount", amount, "reason", "RETURNED");
			}
		}
	}

	@Test
	void malformedQuantitiesOnCaptureAndRefundAnswer422AndChangeNothing() throws Exception {
		long nordic = this.fixtures.nordic();
		Order authorized = this.fixtures.order(nordic, OrderStatus.AUTHORIZED);
		Order captured = this.fixtures.order(nordic, OrderStatus.CAPTURED);
		for (String quantity : BAD_QUANTITIES) {
			for (boolean htmx : new boolean[] { false, true }) {
				refused(authorized, "/captures", htmx, "mode", "lines", "line", "SKU-1", "quantity", quantity);
				refused(captured, "/refunds", htmx, "mode", "lines", "line", "SKU-1", "quantity", quantity, "reason",
						"RETURNED");
			}
		}
		for (boolean htmx : new boolean[] { false, true }) {
			refused(authorized, "/captures", htmx, "mode", "lines", "line", "NO-SUCH-LINE", "quantity", "1");
			refused(authorized, "/captures", htmx, "mode", "lines", "line", "SKU-1", "line", "SKU-2", "quantity", "1");
			refused(authorized, "/captures", htmx, "mode", "lines", "line", "SKU-1", "line", "SKU-1", "quantity", "1",
					"quantity", "1");
		}
	}

	private void refused(Order order, String action, boolean htmx, String... params) throws Exception {
		Map<String, Object> before = this.fixtures.snapshot(order.getPublicId());
		MockHttpServletRequestBuilder request = post("/orders/" + order.getPublicId() + action)
			.param("idempotencyKey", AttackFixtures.key())
			.with(csrf())
			.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		if (htmx) {
			request.header("HX-Request", "true");
		}
		String what = action + " " + String.join(" ", params) + (htmx ? " (htmx)" : "");
		MockHttpServletResponse response = perform(request);
		assertThat(response.getStatus()).as(what).isEqualTo(422);
		assertThat(response.getContentAsString()).as(what).contains("class=\"field-error\"");
		assertInert(response, what);
		assertThat(this.fixtures.snapshot(order.getPublicId())).as(what).isEqualTo(before);
	}

	// --- Searches, filters, cursors and sort orders
	// -----------------------------------------

	@Test
	void malformedSearchesFiltersCursorsAndSortOrdersAnswer400WithAClearMessage() throws Exception {
		Map<String, String[]> cases = new LinkedHashMap<>();
		String tooLong = "Search for at most " + OrderFilter.MAX_QUERY_LENGTH + " characters";
		cases.put(tooLong + " (10,000)", new String[] { "q", "a".repeat(10_000) });
		cases.put(tooLong + " (101)", new String[] { "q", "é".repeat(101) });
		for (String control : List.of("NS\u0000", "\u001b[31mNS", "NS\r\nX-Injected: 1")) {
			cases.put("Search for text|" + control.length(), new String[] { "q", control });
		}
		for (String status : List.of("BOGUS", "authorized", "AUTHORIZED' OR '1'='1", "<script>", "1")) {
			cases.put("Unknown status|" + status, new String[] { "status", status });
		}
		for (String date : List.of("2026-13-01", "2026-02-30", "yesterday", "01/02/2026", "2026-1-1", "' or 1=1 --",
				"2026-11-01T00:00")) {
			cases.put("Enter the start date as YYYY-MM-DD|" + date, new String[] { "from", date });
			cases.put("Enter the end date as YYYY-MM-DD|" + date, new String[] { "to", date });
		}
		cases.put("The start date is after the end date", new String[] { "from", "2026-12-01", "to", "2026-11-01" });
		Random random = new Random(4711);
		List<String> cursors = new ArrayList<>(List.of("AAAA", "%%%%", "not a cursor!", "=", "....",
				base64(new byte[19]), base64(new byte[21]), base64(bytes(random, 16)), base64(bytes(random, 32)),
				base64(bytes(random, 64)), base64(bytes(random, 28)), base64(bytes(random, 28)), "A".repeat(5000),
				base64(ByteBuffer.allocate(20).putLong(Long.MAX_VALUE).putInt(0).putLong(1).array()),
				base64(ByteBuffer.allocate(20).putLong(Long.MIN_VALUE).putInt(0).putLong(1).array())));
		for (String cursor : cursors) {
			cases.put("This page link is not valid|" + cursor.length(), new String[] { "after", cursor });
		}
		for (String sort : List.of("amount", "created_at desc", "oldest", "id;drop table purchase_order", "NEWEST")) {
			cases.put("Orders are listed newest first|" + sort, new String[] { "sort", sort });
		}
		for (var entry : cases.entrySet()) {
			String message = entry.getKey().split("\\|")[0].replaceAll(" \\(.*\\)$", "");
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = get("/orders");
				String[] params = entry.getValue();
				for (int i = 0; i < params.length; i += 2) {
					request.param(params[i], params[i + 1]);
				}
				if (htmx) {
					request.header("HX-Request", "true").header("HX-Target", "order-results");
				}
				MockHttpServletResponse response = perform(
						request.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)));
				String what = entry.getKey().substring(0, Math.min(entry.getKey().length(), 80))
						+ (htmx ? " (htmx)" : "");
				assertThat(response.getStatus()).as(what).isEqualTo(400);
				String body = response.getContentAsString();
				assertThat(body).as(what).contains(HtmlUtils.htmlEscape(message)).doesNotContain("Exception");
				assertInert(response, what);
				assertThat(AttackFixtures.rowIds(body)).as(what).isEmpty();
			}
		}
	}

	@Test
	void datesAndCursorsAtTheEdgesOfTimeNeverAnswer500() throws Exception {
		Map<String, String[]> cases = new LinkedHashMap<>();
		for (String date : List.of("+999999999-12-31", "-999999999-01-01", "+10000-01-01", "0000-01-01", "-0001-12-31",
				"9999-12-31")) {
			cases.put("from=" + date, new String[] { "from", date });
			cases.put("to=" + date, new String[] { "to", date });
		}
		for (Instant at : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
				Instant.parse("-4713-11-24T00:00:00Z"), Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"))) {
			for (UUID id : List.of(UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1))) {
				cases.put("after=" + at + "/" + id, new String[] { "after", new OrderFilter.Cursor(at, id).encode() });
			}
		}
		List<String> failures = new ArrayList<>();
		for (var entry : cases.entrySet()) {
			MockHttpServletRequestBuilder request = get("/orders");
			String[] params = entry.getValue();
			request.param(params[0], params[1]);
			MockHttpServletResponse response = perform(request.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)));
			if (response.getStatus() != 200 && response.getStatus() != 400) {
				failures.add("GET /orders?" + entry.getKey() + " answered " + response.getStatus() + ": "
						+ response.getContentAsString());
			}
			else if (response.getStatus() == 400) {
				assertThat(response.getContentAsString()).as(entry.getKey()).contains("problem-detail");
			}
		}
		assertThat(failures).as("dates and page links at the edges of time answer 200 or 400").isEmpty();
	}

	/**
	 * The response, or a 500 when the request failed with an exception nobody handled.
	 */
	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) {
		try {
			return this.mvc.perform(request).andReturn().getResponse();
		}
		catch (Exception ex) {
			MockHttpServletResponse failed = new MockHttpServletResponse();
			failed.setStatus(500);
			try {
				failed.getWriter().write("unhandled: " + ex);
			}
			catch (java.io.IOException ignored) {
				// never thrown by a mock response
			}
			return failed;
		}
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	// --- Oversized fields ---------------------------------------------------------

	@Test
	void oversizedAmountsNotesQuantitiesAndKeysAreRefusedWithoutBeingEchoedBack() throws Exception {
		long nordic = this.fixtures.nordic();
		Order authorized = this.fixtures.order(nordic, OrderStatus.AUTHORIZED);
		Order captured = this.fixtures.order(nordic, OrderStatus.CAPTURED);
		String note = "N".repeat(MEGABYTE);
		String amount = "9".repeat(MEGABYTE);
		String quantity = "7".repeat(MEGABYTE);
		String key = "K".repeat(MEGABYTE);
		for (boolean htmx : new boolean[] { false, true }) {
			String shownNote = oversized(captured, "/refunds", htmx, "note", "mode", "amount", "amount", "1", "reason",
					"OTHER", "note", note);
			assertThat(shownNote).isEqualTo("N".repeat(Order.MAX_NOTE_LENGTH));
			String shownAmount = oversized(captured, "/refunds", htmx, "amount", "mode", "amount", "amount", amount,
					"reason", "OTHER", "note", note);
			assertThat(shownAmount).isEqualTo("9".repeat(Money.MAX_INPUT_LENGTH));
			assertThat(oversized(authorized, "/captures", htmx, "amount", "mode", "amount", "amount", amount))
				.isEqualTo("9".repeat(Money.MAX_INPUT_LENGTH));
			assertThat(oversized(authorized, "/captures", htmx, "quantity", "mode", "lines", "line", "SKU-1",
					"quantity", quantity))
				.hasSizeLessThanOrEqualTo(7);
			assertThat(oversized(authorized, "/captures", htmx, "idempotencyKey", "mode", "amount", "amount", "x",
					"idempotencyKey", key))
				.as("a fresh key instead")
				.matches("form_[0-9a-z]+_[0-9a-f]{32}");
		}
	}

	/**
	 * Posts the oversized form: it answers 422 with a short page, changes nothing, and
	 * returns what the form shows again in the field.
	 */
	private String oversized(Order order, String action, boolean htmx, String field, String... params)
			throws Exception {
		Map<String, Object> before = this.fixtures.snapshot(order.getPublicId());
		MockHttpServletRequestBuilder request = post("/orders/" + order.getPublicId() + action).with(csrf())
			.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER));
		if (!List.of(params).contains("idempotencyKey")) {
			request.param("idempotencyKey", AttackFixtures.key());
		}
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		if (htmx) {
			request.header("HX-Request", "true");
		}
		String what = action + " with an oversized " + field + (htmx ? " (htmx)" : "");
		MockHttpServletResponse response = perform(request);
		assertThat(response.getStatus()).as(what).isEqualTo(422);
		assertThat(response.getContentAsByteArray().length).as(what).isLessThan(32 * 1024);
		assertThat(this.fixtures.snapshot(order.getPublicId())).as(what).isEqualTo(before);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(page.select(".field-error, .refusal-message").text()).as(what).isNotBlank();
		return switch (field) {
			case "note" -> page.select("textarea[name=note]").text();
			case "quantity" -> page.select("input[name=quantity]").attr("value");
			case "idempotencyKey" -> page.select("input[name=idempotencyKey]").attr("value");
			default -> page.select("input[name=" + field + "]").attr("value");
		};
	}

	@Test
	void oversizedSearchesAndFiltersAreRefusedWithoutBeingEchoedBack() throws Exception {
		for (String parameter : List.of("q", "status", "from", "to", "after", "sort")) {
			String value = "Z".repeat(MEGABYTE);
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = get("/orders").param(parameter, value);
				if (htmx) {
					request.header("HX-Request", "true").header("HX-Target", "order-results");
				}
				MockHttpServletResponse response = perform(
						request.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)));
				String what = parameter + (htmx ? " (htmx)" : "");
				assertThat(response.getStatus()).as(what).isEqualTo(400);
				assertThat(response.getContentAsString()).as(what)
					.contains("That request is not valid")
					.doesNotContain("ZZZZ");
			}
		}
	}

	@Test
	void anOversizedUsernameIsRefusedWithoutBeingEchoedBack() throws Exception {
		String username = "u".repeat(MEGABYTE) + "@nordic-shoes.example";
		long users = this.fixtures.userCount();

		MockHttpServletResponse created = perform(post("/users").param("username", username)
			.param("password", "a-long-enough-password")
			.param("role", "VIEWER")
			.with(csrf())
			.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)));

		assertThat(created.getStatus()).isEqualTo(422);
		assertThat(created.getContentAsByteArray().length).isLessThan(MEGABYTE / 4);
		Document page = Jsoup.parse(created.getContentAsString());
		assertThat(page.select("#new-username-error").text()).isEqualTo("Enter the user's email address");
		assertThat(page.select("#new-username").attr("value")).hasSize(254);
		assertThat(this.fixtures.userCount()).isEqualTo(users);

		MockHttpServletResponse login = perform(
				post("/login").param("username", username).param("password", AttackFixtures.PASSWORD).with(csrf()));
		assertThat(login.getStatus()).isEqualTo(302);
		assertThat(login.getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(perform(get("/login").param("error", "")).getContentAsString()).doesNotContain("uuuu");
	}

	@Test
	void aFormPostTooLargeToReadIsRefusedWith413AndChangesNothing() throws Exception {
		Order captured = this.fixtures.order(this.fixtures.nordic(), OrderStatus.CAPTURED);
		HostileHttp client = new HostileHttp(this.port).logIn(AttackFixtures.NORDIC_MANAGER, AttackFixtures.PASSWORD);
		String token = client.csrfToken();
		Map<String, Object> before = this.fixtures.snapshot(captured.getPublicId());
		for (String field : List.of("note", "amount")) {
			Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", token, "idempotencyKey",
					AttackFixtures.key(), "mode", "amount", "amount", "1", "reason", "OTHER", "note", "Too much"));
			form.put(field, "X".repeat(MEGABYTE));
			for (boolean htmx : new boolean[] { false, true }) {
				HostileHttp.Response response = htmx
						? client.post("/orders/" + captured.getPublicId() + "/refunds", form, "HX-Request", "true")
						: client.post("/orders/" + captured.getPublicId() + "/refunds", form);
				assertThat(response.status()).as(field).isEqualTo(413);
				assertThat(response.body()).as(field).doesNotContain("XXXX");
				assertThat(response.header("Content-Security-Policy")).as(field).contains("frame-ancestors 'none'");
			}
		}
		HostileHttp.Response login = new HostileHttp(this.port).post("/login",
				Map.of("username", "u".repeat(MEGABYTE), "password", "x", "_csrf", "x"));
		assertThat(login.status()).isEqualTo(413);
		assertThat(this.fixtures.snapshot(captured.getPublicId())).isEqualTo(before);
		// A form of the size the dialogs send still goes through.
		assertThat(
				client
					.post("/orders/" + captured.getPublicId() + "/refunds",
							Map.of("_csrf", token, "idempotencyKey", AttackFixtures.key(), "mode", "amount", "amount",
									"1", "reason", "OTHER", "note", "N".repeat(Order.MAX_NOTE_LENGTH)))
					.status())
			.isEqualTo(302);
		assertThat(this.fixtures.snapshot(captured.getPublicId()).get("REFUNDED_AMOUNT")).isEqualTo(100L);
	}

	// --- CSRF ---------------------------------------------------------------------

	@Test
	void postsWithoutOrWithAWrongCsrfTokenAnswer403AndChangeNothing() throws Exception {
		long nordic = this.fixtures.nordic();
		Order order = this.fixtures.order(nordic, OrderStatus.AUTHORIZED);
		// A real token, but of another session (read when first needed).
		java.util.function.Supplier<String> othersToken = () -> {
			try {
				return AttackFixtures.csrfToken(this.mvc
					.perform(get("/orders").session(new MockHttpSession())
						.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
					.andReturn()
					.getResponse()
					.getContentAsString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
		Map<String, java.util.function.UnaryOperator<MockHttpServletRequestBuilder>> tokens = new LinkedHashMap<>();
		tokens.put("no token", (request) -> request);
		tokens.put("a wrong token field", (request) -> request.with(csrf().useInvalidToken()));
		tokens.put("a wrong token header", (request) -> request.with(csrf().asHeader().useInvalidToken()));
		tokens.put("another session's token", (request) -> request.param("_csrf", othersToken.get()));
		tokens.put("another session's token as header", (request) -> request.header("X-CSRF-TOKEN", othersToken.get()));
		tokens.put("an empty token", (request) -> request.param("_csrf", "").header("X-CSRF-TOKEN", ""));
		for (var token : tokens.entrySet()) {
			for (boolean htmx : new boolean[] { false, true }) {
				String what = token.getKey() + (htmx ? " (htmx)" : "");
				Map<String, Object> before = this.fixtures.snapshot(order.getPublicId());
				MockHttpServletRequestBuilder cancel = post("/orders/" + order.getPublicId() + "/cancel")
					.param("idempotencyKey", AttackFixtures.key())
					.session(new MockHttpSession())
					.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				if (htmx) {
					cancel.header("HX-Request", "true");
				}
				assertThat(perform(token.getValue().apply(cancel)).getStatus()).as("cancel with %s", what)
					.isEqualTo(403);
				assertThat(this.fixtures.snapshot(order.getPublicId())).as("cancel with %s", what).isEqualTo(before);

				long users = this.fixtures.userCount();
				MockHttpServletRequestBuilder create = post("/users")
					.param("username", "csrf-" + System.nanoTime() + "@nordic-shoes.example")
					.param("password", "a-long-enough-password")
					.param("role", "ADMIN")
					.session(new MockHttpSession())
					.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				if (htmx) {
					create.header("HX-Request", "true");
				}
				assertThat(perform(token.getValue().apply(create)).getStatus()).as("create a user with %s", what)
					.isEqualTo(403);
				assertThat(this.fixtures.userCount()).as("create a user with %s", what).isEqualTo(users);
			}
		}
		// The same cancel with a valid token goes through, so the refusals above are the
		// token's doing.
		this.mvc
			.perform(post("/orders/" + order.getPublicId() + "/cancel").param("idempotencyKey", AttackFixtures.key())
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn();
		assertThat(this.fixtures.statusOf(order.getPublicId())).isEqualTo("CANCELLED");
	}

}
