package org.merchantportal.order.web;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.order.Staff;
import org.merchantportal.security.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The order pages on the whole application and the demo data: each merchant sees its own
 * orders only, another merchant's order is exactly as absent as one that does not exist,
 * and an action without its idempotency key changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OrderTenancyControllerTests {

	private static final String NORDIC_MANAGER = "orders@nordic-shoes.example";

	private static final String FJORD_ADMIN = "admin@fjord-outdoor.example";

	private static final String VALID_KEY = "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

	@Autowired
	MockMvc mvc;

	@Autowired
	OrderSearch search;

	@Autowired
	OrderService orders;

	@Autowired
	PortalUserRepository users;

	@Autowired
	TransactionTemplate transactions;

	/** How the request is made: by htmx, or by a browser without JavaScript. */
	enum Client {

		HTMX, PLAIN;

		MockHttpServletRequestBuilder apply(MockHttpServletRequestBuilder request) {
			return (this == HTMX) ? request.header("HX-Request", "true") : request;
		}

		boolean isHtmx() {
			return this == HTMX;
		}

	}

	// --- Each merchant's own orders ---

	@Test
	void showsNordicShoesTheirOwnOrdersOnly() throws Exception {
		String page = this.mvc.perform(get("/orders").with(as(NORDIC_MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name("orders/list"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("<h1>Orders</h1>").contains("NS-1").doesNotContain("FO-");
		assertThat(rows(page)).isEqualTo(OrderController.PAGE_SIZE);
		assertThat(page).contains("SEK").doesNotContain("€");
	}

	@Test
	void showsFjordOutdoorTheirOwnOrdersOnly() throws Exception {
		String page = this.mvc.perform(get("/orders").with(as(FJORD_ADMIN)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("FO-1").doesNotContain("NS-");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void findsNothingOfAnotherMerchantBySearch(Client client) throws Exception {
		Order foreign = orderOf(FJORD_ADMIN, null);

		String page = this.mvc
			.perform(client.apply(get("/orders"))
				.header("HX-Target", "order-results")
				.param("q", foreign.getMerchantReference())
				.with(as(NORDIC_MANAGER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		// The export link carries the search as typed; what matters is what came back.
		String results = page.substring(page.indexOf("<div id=\"order-results\">"))
			.replaceAll("(?s)<p class=\"results-bar\">.*?</p>", "");
		assertThat(rows(results)).isZero();
		assertThat(results).contains("No orders match your search and filters.")
			.doesNotContain(foreign.getMerchantReference())
			.doesNotContain(foreign.getPublicId().toString());
	}

	@Test
	void showsStatusesInWords() throws Exception {
		String page = this.mvc.perform(get("/orders").with(as("viewer@nordic-shoes.example")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).containsAnyOf(">Authorized<", ">Captured<", ">Part captured<", ">Cancelled<")
			.doesNotContain(">AUTHORIZED<")
			.doesNotContain(">PART_CAPTURED<");
	}

	@Test
	void redirectsTheRootToOrders() throws Exception {
		this.mvc.perform(get("/").with(as(NORDIC_MANAGER))).andExpect(redirectedUrl("/orders"));
	}

	// --- Another merchant's order is a missing one ---

	static Stream<Arguments> orderRequests() {
		List<String> reads = List.of("", "/timeline", "/cancel", "/captures/new", "/refunds/new",
				"/release-authorization", "/extend-authorization");
		List<String> actions = List.of("/cancel", "/captures", "/refunds", "/release-authorization",
				"/extend-authorization");
		return Stream.of(Client.values())
			.flatMap((client) -> Stream.concat(reads.stream().map((path) -> Arguments.of(client, "GET", path)),
					actions.stream().map((path) -> Arguments.of(client, "POST", path))));
	}

	@ParameterizedTest(name = "[{index}] {0} {1} /orders/'{id}'{2}")
	@MethodSource("orderRequests")
	void answersAnotherMerchantsOrderExactlyLikeAnOrderThatDoesNotExist(Client client, String method, String path)
			throws Exception {
		Order foreign = orderOf(FJORD_ADMIN, OrderStatus.PART_CAPTURED);

		MvcResult ofAnotherMerchant = this.mvc
			.perform(request(client, method, foreign.getPublicId(), path).with(as(NORDIC_MANAGER)))
			.andReturn();
		MvcResult missing = this.mvc.perform(request(client, method, UUID.randomUUID(), path).with(as(NORDIC_MANAGER)))
			.andReturn();

		assertThat(ofAnotherMerchant.getResponse().getStatus()).isEqualTo(404);
		assertThat(missing.getResponse().getStatus()).isEqualTo(404);
		assertThat(ofAnotherMerchant.getModelAndView().getViewName()).isEqualTo(missing.getModelAndView().getViewName())
			.isEqualTo(client.isHtmx() ? "error/problem :: message" : "error/problem");
		assertThat(withoutCsrfToken(ofAnotherMerchant.getResponse().getContentAsString()))
			.isEqualTo(withoutCsrfToken(missing.getResponse().getContentAsString()))
			.contains("Order not found")
			.doesNotContain(foreign.getMerchantReference());
		assertThat(ofAnotherMerchant.getResponse().getHeaderNames())
			.containsExactlyInAnyOrderElementsOf(missing.getResponse().getHeaderNames());
		Order after = withTimeline(staff(FJORD_ADMIN), foreign.getPublicId());
		assertThat(after.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertThat(after.getCaptured()).isEqualTo(foreign.getCaptured());
		assertThat(after.getReleased()).isEqualTo(foreign.getReleased());
		assertThat(after.getAuthorizationExpiresOn()).isEqualTo(foreign.getAuthorizationExpiresOn());
		assertThat(after.getTimeline()).hasSameSizeAs(foreign.getTimeline());
	}

	// --- Idempotency keys ---

	static Stream<Arguments> missingOrMalformedKeys() {
		return Stream.of(Client.values())
			.flatMap((client) -> Stream.of(Arguments.of(client, null), Arguments.of(client, ""),
					Arguments.of(client, "too-short"), Arguments.of(client, "not a key; drop table x")));
	}

	@ParameterizedTest(name = "[{index}] {0} key \"{1}\"")
	@MethodSource("missingOrMalformedKeys")
	void refusesAnActionWithoutAValidIdempotencyKeyWith422AndChangesNothing(Client client, String key)
			throws Exception {
		Order order = orderOf(NORDIC_MANAGER, OrderStatus.AUTHORIZED);
		MockHttpServletRequestBuilder cancel = client
			.apply(post("/orders/{id}/cancel", order.getPublicId()).with(client.isHtmx() ? csrf().asHeader() : csrf()));
		if (key != null) {
			cancel.param("idempotencyKey", key);
		}

		String body = this.mvc.perform(cancel.with(as(NORDIC_MANAGER)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name(client.isHtmx() ? "orders/dialogs :: cancel" : "orders/action"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		// The form cannot be sent again: the dialog says to open the action afresh.
		assertThat(body)
			.contains("<span class=\"refusal-message\">"
					+ "This form has expired. Close it and open the action again.</span>")
			.doesNotContain("<button type=\"submit\" class=\"button")
			.contains("class=\"button dialog-close\"");
		Order after = withTimeline(staff(NORDIC_MANAGER), order.getPublicId());
		assertThat(after.getStatus()).isEqualTo(OrderStatus.AUTHORIZED);
		assertThat(after.getTimeline()).hasSameSizeAs(order.getTimeline());
	}

	// --- Helpers ---

	private static MockHttpServletRequestBuilder request(Client client, String method, UUID orderId, String path) {
		if ("GET".equals(method)) {
			return client.apply(get("/orders/{id}" + path, orderId));
		}
		return client.apply(post("/orders/{id}" + path, orderId))
			.with(client.isHtmx() ? csrf().asHeader() : csrf())
			.param("idempotencyKey", VALID_KEY)
			.param("mode", "amount")
			.param("amount", "1.00")
			.param("reason", "RETURNED");
	}

	/** Logged in as the demo user. */
	private RequestPostProcessor as(String username) {
		return user(TestUsers.loggedIn(this.users.findByUsername(username).orElseThrow()));
	}

	/** The newest order of the user's merchant, in the status if one is given. */
	private Order orderOf(String username, OrderStatus status) {
		long merchantId = this.users.findByUsername(username).orElseThrow().getMerchantId();
		OrderSummary newest = this.search.find(merchantId, new OrderFilter(null, status, null, null, null), 1)
			.orders()
			.get(0);
		return withTimeline(staff(username), newest.publicId());
	}

	/**
	 * The order with its lines and whole timeline (the service reads no timeline with it:
	 * pages read one page of it).
	 */
	private Order withTimeline(Staff staff, UUID orderId) {
		return this.transactions.execute((status) -> {
			Order order = this.orders.get(staff, orderId);
			order.getTimeline().size();
			return order;
		});
	}

	private Staff staff(String username) {
		var user = this.users.findByUsername(username).orElseThrow();
		return new Staff(user.getMerchantId(), user.getUsername(), user.getRole());
	}

	/** The page without its CSRF tokens, which are masked afresh for every response. */
	private static String withoutCsrfToken(String body) {
		return body.replaceAll("<meta name=\"_csrf\" content=\"[^\"]*\">", "<meta name=\"_csrf\">")
			.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
	}

	private static int rows(String page) {
		return page.split("class=\"order-row\"", -1).length - 1;
	}

}
