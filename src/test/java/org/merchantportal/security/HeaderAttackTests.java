package org.merchantportal.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.HtmlTags.Tag;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What the portal's responses tell the browser to refuse: a Content-Security-Policy
 * without inline script or eval that forbids framing, plugins and base-URL tricks;
 * nosniff; a Referrer-Policy; no caching of authenticated pages; Vary: HX-Request where
 * one URL answers a page or a fragment; and htmx configured to run no script it is sent.
 * The pages themselves need none of what the policy forbids: no inline script, no event
 * handler attributes. The same headers come with every answer of the server, also those
 * Tomcat gives by itself: TRACE's 405, a malformed request's 400, a body too large's 413.
 */
@AttackTest
class HeaderAttackTests {

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

	/**
	 * Every page and fragment an admin can open, by name, and whether it is a whole page.
	 */
	private Map<String, MockHttpServletRequestBuilder> pages() {
		long nordic = this.fixtures.nordic();
		Order authorized = this.fixtures.order(nordic, OrderStatus.AUTHORIZED);
		Order partCaptured = this.fixtures.order(nordic, OrderStatus.PART_CAPTURED);
		Order captured = this.fixtures.order(nordic, OrderStatus.CAPTURED);
		Map<String, MockHttpServletRequestBuilder> pages = new LinkedHashMap<>();
		pages.put("orders list", get("/orders"));
		pages.put("orders list, search results fragment",
				get("/orders").param("q", "NS").header("HX-Request", "true").header("HX-Target", "order-results"));
		pages.put("order details", get("/orders/" + authorized.getPublicId()));
		pages.put("order details of a captured order", get("/orders/" + captured.getPublicId()));
		Map<String, Order> dialogs = new LinkedHashMap<>();
		dialogs.put("cancel", authorized);
		dialogs.put("captures/new", authorized);
		dialogs.put("extend-authorization", authorized);
		dialogs.put("refunds/new", captured);
		dialogs.put("release-authorization", partCaptured);
		dialogs.forEach((path, order) -> {
			String url = "/orders/" + order.getPublicId() + "/" + path;
			pages.put("dialog " + path + " as a page", get(url));
			pages.put("dialog " + path + " as a fragment", get(url).header("HX-Request", "true"));
		});
		pages.put("dialog with a refusal", get("/orders/" + captured.getPublicId() + "/cancel"));
		pages.put("users", get("/users"));
		pages.put("order not found", get("/orders/00000000-0000-4000-8000-000000000000"));
		return pages;
	}

	private MockHttpServletResponse open(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN))).andReturn().getResponse();
	}

	@Test
	void everyPageAndFragmentSendsAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() throws Exception {
		Map<String, MockHttpServletResponse> responses = new LinkedHashMap<>();
		for (var page : pages().entrySet()) {
			responses.put(page.getKey(), open(page.getValue()));
		}
		responses.put("login page", this.mvc.perform(get("/login")).andReturn().getResponse());
		responses.put("login page after a failure", this.mvc.perform(get("/login?error")).andReturn().getResponse());
		for (var entry : responses.entrySet()) {
			String name = entry.getKey();
			MockHttpServletResponse response = entry.getValue();
			assertThat(response.getStatus()).as(name).isIn(200, 404, 409);
			String policy = response.getHeader("Content-Security-Policy");
			assertThat(policy).as("Content-Security-Policy of %s", name).isNotNull();
			Map<String, List<String>> directives = directives(policy);
			assertThat(directives.get("script-src")).as("script-src of %s", name).containsExactly("'self'");
			assertThat(directives).as("CSP of %s", name)
				.containsEntry("frame-ancestors", List.of("'none'"))
				.containsEntry("object-src", List.of("'none'"))
				.containsEntry("base-uri", List.of("'none'"));
			assertThat(directives.get("default-src")).as("default-src of %s", name).containsExactly("'self'");
			assertThat(policy).as(name)
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval")
				.doesNotContain("unsafe-hashes")
				.doesNotContain("*")
				.doesNotContain("http:");
			assertThat(response.getHeader("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
			assertThat(response.getHeader("Referrer-Policy")).as(name)
				.isIn("same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin");
			assertThat(response.getHeader("X-Frame-Options")).as(name).isEqualTo("DENY");
			assertThat(response.getHeader("Cache-Control")).as("Cache-Control of %s", name).contains("no-store");
		}
	}

	@Test
	void oneUrlThatAnswersAPageOrAFragmentVariesOnHxRequest() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		for (String url : List.of("/orders", "/orders/" + order.getPublicId() + "/cancel",
				"/orders/" + order.getPublicId() + "/captures/new", "/orders/" + order.getPublicId())) {
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = get(url);
				if (htmx) {
					request.header("HX-Request", "true").header("HX-Target", "order-results");
				}
				MockHttpServletResponse response = open(request);
				assertThat(response.getStatus()).as(url).isEqualTo(200);
				List<String> vary = response.getHeaders("Vary")
					.stream()
					.flatMap((value) -> Arrays.stream(value.split(",")))
					.map(String::strip)
					.toList();
				assertThat(vary).as("Vary of %s (htmx: %s)", url, htmx).contains("HX-Request");
			}
		}
	}

	@Test
	void htmxRunsNoScriptItIsSentAndKeepsNoHistoryCacheAndTalksOnlyToThePortal() throws Exception {
		List<String> bodies = new ArrayList<>();
		bodies.add(this.mvc.perform(get("/login")).andReturn().getResponse().getContentAsString());
		for (var page : pages().entrySet()) {
			if (!page.getKey().contains("fragment")) {
				bodies.add(open(page.getValue()).getContentAsString());
			}
		}
		for (String body : bodies) {
			List<Tag> metas = HtmlTags.of(body)
				.stream()
				.filter((tag) -> tag.name().equals("meta") && "htmx-config".equals(tag.get("name")))
				.toList();
			assertThat(metas).as("htmx-config meta elements").hasSize(1);
			JSONObject config = new JSONObject(HtmlUtils.htmlUnescape(metas.get(0).get("content")));
			assertThat(config.getBoolean("allowScriptTags")).isFalse();
			assertThat(config.getBoolean("allowEval")).isFalse();
			assertThat(config.getInt("historyCacheSize")).isZero();
			assertThat(config.getBoolean("selfRequestsOnly")).isTrue();
			// htmx is loaded from the portal itself, after the configuration.
			assertThat(body.indexOf("htmx-config")).isLessThan(body.indexOf("htmx.min.js"));
		}
	}

	@Test
	void noPageOrFragmentHasInlineScriptOrEventHandlerAttributes() throws Exception {
		Map<String, String> bodies = new LinkedHashMap<>();
		for (var page : pages().entrySet()) {
			bodies.put(page.getKey(), open(page.getValue()).getContentAsString());
		}
		bodies.put("login page", this.mvc.perform(get("/login?error")).andReturn().getResponse().getContentAsString());
		for (var entry : bodies.entrySet()) {
			String body = entry.getValue();
			assertThat(HtmlTags.of(body)).as("tags of %s", entry.getKey()).isNotEmpty();
			assertThat(HtmlTags.inlineScripts(body)).as("inline scripts in %s", entry.getKey()).isEmpty();
			assertThat(HtmlTags.eventHandlers(body)).as("event handler attributes in %s", entry.getKey()).isEmpty();
			assertThat(HtmlTags.of(body)).as("inline styles or javascript: URLs in %s", entry.getKey())
				.noneMatch((tag) -> tag.name().equals("style"))
				.noneMatch((tag) -> tag.has("style"))
				.noneMatch((tag) -> tag.attributes()
					.values()
					.stream()
					.anyMatch((value) -> value.strip().toLowerCase().startsWith("javascript:")));
			for (Tag script : HtmlTags.of(body).stream().filter((tag) -> tag.name().equals("script")).toList()) {
				assertThat(script.get("src")).as("a script of %s", entry.getKey()).startsWith("/");
			}
		}
	}

	@Test
	void everyAnswerOfTheServerCarriesTheSecurityHeadersAlsoErrorsThatTomcatGivesItself() throws Exception {
		HostileHttp anonymous = new HostileHttp(this.port);
		HostileHttp admin = new HostileHttp(this.port).logIn(AttackFixtures.NORDIC_ADMIN, AttackFixtures.PASSWORD);
		String token = admin.csrfToken();
		Map<String, HostileHttp.Response> answers = new LinkedHashMap<>();
		answers.put("TRACE /", anonymous.send("TRACE", "/"));
		answers.put("TRACE /orders, logged in", admin.send("TRACE", "/orders"));
		answers.put("an invalid URI", anonymous.send("GET /orders/% HTTP/1.1", new byte[0], "Connection", "close"));
		answers.put("a path the firewall refuses", admin.send("GET", "/orders;jsessionid=x"));
		answers.put("an encoded dot segment", admin.send("GET", "/orders/%2e%2e/users"));
		answers.put("a header too large", anonymous.send("GET", "/login", "X-Padding", "p".repeat(10_000)));
		answers.put("a request line too large", anonymous.send("GET", "/orders?q=" + "q".repeat(10_000)));
		answers.put("a form post too large", anonymous.post("/login", Map.of("username", "u".repeat(100_000))));
		answers.put("no such page", admin.send("GET", "/no-such-page"));
		answers.put("no such order", admin.send("GET", "/orders/00000000-0000-4000-8000-000000000000"));
		answers.put("a method the page does not take", admin.post("/orders", Map.of("_csrf", token)));
		answers.put("a static file", anonymous.send("GET", "/css/portal.css"));
		answers.put("the login page", anonymous.send("GET", "/login"));
		Map<String, Integer> statuses = new LinkedHashMap<>();
		answers.forEach((name, answer) -> statuses.put(name, answer.status()));
		assertThat(statuses).containsExactly(Map.entry("TRACE /", 405), Map.entry("TRACE /orders, logged in", 405),
				Map.entry("an invalid URI", 400), Map.entry("a path the firewall refuses", 400),
				Map.entry("an encoded dot segment", 400), Map.entry("a header too large", 400),
				Map.entry("a request line too large", 400), Map.entry("a form post too large", 413),
				Map.entry("no such page", 404), Map.entry("no such order", 404),
				Map.entry("a method the page does not take", 405), Map.entry("a static file", 200),
				Map.entry("the login page", 200));
		answers.forEach((name, answer) -> {
			assertThat(answer.header("Content-Security-Policy")).as("CSP of %s", name)
				.isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
			assertThat(answer.headers().get("content-security-policy")).as("one CSP on %s", name).hasSize(1);
			assertThat(answer.header("X-Frame-Options")).as(name).isEqualTo("DENY");
			assertThat(answer.header("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
			assertThat(answer.header("Referrer-Policy")).as(name).isEqualTo("same-origin");
			if (name.equals("a static file")) {
				// The same for everyone, and its links carry a hash of its content.
				assertThat(answer.header("Cache-Control")).as(name).isEqualTo("max-age=31536000, public");
			}
			else {
				assertThat(answer.header("Cache-Control")).as(name).contains("no-store");
			}
		});
		// TRACE echoes nothing of the request back, cookies least of all.
		assertThat(answers.get("TRACE /orders, logged in").body()).doesNotContain("TRACE").doesNotContain("Cookie");
		assertThat(answers.get("TRACE /").header("Allow")).doesNotContain("TRACE");
	}

	private static Map<String, List<String>> directives(String policy) {
		Map<String, List<String>> directives = new LinkedHashMap<>();
		for (String directive : policy.split(";")) {
			String[] parts = directive.strip().split("\\s+");
			if (parts.length > 0 && !parts[0].isEmpty()) {
				directives.put(parts[0], List.of(parts).subList(1, parts.length));
			}
		}
		return directives;
	}

}
