package org.merchantportal.order.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Actor;
import org.merchantportal.order.LineQuantity;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.Money;
import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.OrderEvent;
import org.merchantportal.order.OrderLine;
import org.merchantportal.order.OrderNotFoundException;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderSearch.OrderPage;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.RefundReason;
import org.merchantportal.order.Staff;
import org.merchantportal.order.TimelinePage;
import org.merchantportal.security.PortalUserDetails;
import org.merchantportal.security.TestUsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.format.Formatter;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Orders page and an order's details ({@link OrderController}), with the portal's
 * security, error handling and templates but the order service and search mocked. Every
 * case runs as htmx and as a plain browser request.
 */
@WebMvcTest(controllers = OrderController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Formatter.class))
@Import({ TestUsers.PortalSecurity.class, OrderViewModel.class, OrderActionPages.class })
class OrderControllerTests {

	private static final long MERCHANT = 42;

	private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

	private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

	private static final Currency SEK = Currency.getInstance("SEK");

	private static final PortalUserDetails MANAGER = TestUsers.user(MERCHANT, "orders@nordic-shoes.example",
			Role.ORDER_MANAGER);

	private static final PortalUserDetails VIEWER = TestUsers.user(MERCHANT, "viewer@nordic-shoes.example",
			Role.VIEWER);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderSearch search;

	@MockitoBean
	OrderService orders;

	@TestBean
	Clock clock;

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	/** How the request is made: by htmx, or by a browser without JavaScript. */
	enum Client {

		HTMX, PLAIN;

		MockHttpServletRequestBuilder apply(MockHttpServletRequestBuilder request) {
			return (this == HTMX) ? request.header("HX-Request", "true") : request;
		}

		/** A request of the Orders page's search form or pager. */
		MockHttpServletRequestBuilder results(MockHttpServletRequestBuilder request) {
			return (this == HTMX) ? apply(request).header("HX-Target", "order-results") : request;
		}

		boolean isHtmx() {
			return this == HTMX;
		}

	}

	// --- The Orders page ---

	@ParameterizedTest
	@EnumSource(Client.class)
	void listsTheMerchantsOrdersAsAPageOrAsTheResultsFragment(Client client) throws Exception {
		Order order = order("NS-10001", "Sara Svensson");
		given(this.search.find(eq(MERCHANT), any(), anyInt()))
			.willReturn(new OrderPage(List.of(OrderSummary.of(order)), null));

		String body = this.mvc.perform(client.results(get("/orders")).with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name(client.isHtmx() ? "orders/list :: results" : "orders/list"))
			.andExpect(header().stringValues("Vary", hasItem("HX-Request")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains("<div id=\"order-results\">")
			.contains("id=\"order-" + order.getPublicId() + "\"")
			.contains(">NS-10001<")
			.contains("Sara Svensson")
			.contains("menu-item menu-CAPTURE")
			.contains("menu-item menu-CANCEL");
		if (client.isHtmx()) {
			assertThat(body).startsWith("<div id=\"order-results\">")
				.doesNotContain("<html")
				.doesNotContain("<h1>Orders</h1>")
				.doesNotContain("id=\"order-filters\"");
		}
		else {
			assertThat(body).contains("<html").contains("<h1>Orders</h1>").contains("id=\"order-filters\"");
			assertThat(body).contains("<meta name=\"_csrf\"").contains("<meta name=\"_csrf_header\"");
		}
		then(this.search).should().find(MERCHANT, OrderFilter.none(), OrderController.PAGE_SIZE);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void answersTheWholePageToAnHtmxRequestThatDoesNotTargetTheResults(Client client) throws Exception {
		given(this.search.find(eq(MERCHANT), any(), anyInt())).willReturn(new OrderPage(List.of(), null));

		this.mvc.perform(client.apply(get("/orders")).header("HX-Target", "main").with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name("orders/list"))
			.andExpect(header().stringValues("Vary", hasItem("HX-Request")))
			.andExpect(content().string(containsString("<h1>Orders</h1>")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void passesTheSearchFiltersAndCursorFromTheUrlToTheSearch(Client client) throws Exception {
		OrderFilter.Cursor after = new OrderFilter.Cursor(Instant.parse("2026-11-15T08:30:00.123456789Z"),
				UUID.fromString("0b5e7f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"));
		OrderFilter.Cursor next = new OrderFilter.Cursor(Instant.parse("2026-11-10T07:00:00Z"),
				UUID.fromString("f0e1d2c3-b4a5-4697-8877-665544332211"));
		given(this.search.find(eq(MERCHANT), any(), anyInt()))
			.willReturn(new OrderPage(List.of(OrderSummary.of(order("NS-10001", "Sara Svensson"))), next));

		String body = this.mvc
			.perform(client.results(get("/orders"))
				.param("q", "  sara@exa  ")
				.param("status", "CAPTURED")
				.param("from", "2026-11-01")
				.param("to", "2026-11-30")
				.param("after", after.encode())
				.with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name(client.isHtmx() ? "orders/list :: results" : "orders/list"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		then(this.search).should()
			.find(MERCHANT, new OrderFilter("sara@exa", OrderStatus.CAPTURED, LocalDate.parse("2026-11-01"),
					LocalDate.parse("2026-11-30"), after), OrderController.PAGE_SIZE);
		// The pager keeps the filters and carries the next page's cursor.
		assertThat(body).contains("after=" + next.encode())
			.contains("q=sara@exa")
			.contains("status=CAPTURED")
			.contains("from=2026-11-01")
			.contains("to=2026-11-30")
			.contains("rel=\"next\"");
		if (!client.isHtmx()) {
			assertThat(body).contains("value=\"sara@exa\"")
				.contains("<option value=\"CAPTURED\" selected=\"selected\"");
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void treatsBlankFiltersAsNoFilter(Client client) throws Exception {
		given(this.search.find(eq(MERCHANT), any(), anyInt())).willReturn(new OrderPage(List.of(), null));

		this.mvc
			.perform(client.results(get("/orders"))
				.param("q", "   ")
				.param("status", "")
				.param("from", "")
				.param("to", "")
				.param("after", "")
				.with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name(client.isHtmx() ? "orders/list :: results" : "orders/list"));

		then(this.search).should().find(MERCHANT, OrderFilter.none(), OrderController.PAGE_SIZE);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void acceptsASearchOfExactlyOneHundredCharacters(Client client) throws Exception {
		given(this.search.find(eq(MERCHANT), any(), anyInt())).willReturn(new OrderPage(List.of(), null));
		String query = "a".repeat(OrderFilter.MAX_QUERY_LENGTH);

		this.mvc.perform(client.results(get("/orders")).param("q", query).with(user(MANAGER)))
			.andExpect(status().isOk());

		then(this.search).should()
			.find(MERCHANT, new OrderFilter(query, null, null, null, null), OrderController.PAGE_SIZE);
	}

	static Stream<Arguments> malformedFilters() {
		String forged = "This page link is not valid: start again from the newest orders";
		Stream<Arguments> filters = Stream.of(Arguments.of("status", "BOGUS", "Unknown status"),
				Arguments.of("status", "authorized", "Unknown status"),
				Arguments.of("from", "2026-13-01", "Enter the start date as YYYY-MM-DD"),
				Arguments.of("from", "01/11/2026", "Enter the start date as YYYY-MM-DD"),
				Arguments.of("from", "2026-02-30", "Enter the start date as YYYY-MM-DD"),
				Arguments.of("to", "yesterday", "Enter the end date as YYYY-MM-DD"),
				Arguments.of("after", "not-a-cursor!", forged),
				Arguments.of("after", base64(new byte[CURSOR_LENGTH - 1]), forged),
				Arguments.of("after", base64(new byte[CURSOR_LENGTH + 1]), forged),
				Arguments.of("after", "+/" + base64(new byte[CURSOR_LENGTH]).substring(2), forged),
				Arguments.of("after", base64(filled(0x7f)), forged),
				// Decodes, but to nothing a page link ever carries: a nanosecond field
				// of -1 and an order id of all ones.
				Arguments.of("after", base64(filled(0xff)), forged),
				Arguments.of("q", "a".repeat(OrderFilter.MAX_QUERY_LENGTH + 1), "Search for at most 100 characters"));
		return filters.flatMap((filter) -> Stream.of(Client.values())
			.map((client) -> Arguments.of(client, filter.get()[0], filter.get()[1], filter.get()[2])));
	}

	@ParameterizedTest(name = "[{index}] {0} {1}={2}")
	@MethodSource("malformedFilters")
	void refusesAMalformedFilterWith400AndTheReasonWithoutSearching(Client client, String parameter, String value,
			String message) throws Exception {
		given(this.search.find(eq(MERCHANT), any(), anyInt())).willReturn(new OrderPage(List.of(), null));

		this.mvc.perform(client.results(get("/orders")).param(parameter, value).with(user(MANAGER)))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(client.isHtmx() ? "orders/list :: invalidFilter" : "error/problem"))
			.andExpect(content().string(containsString("That request is not valid")))
			.andExpect(content().string(containsString(message)));

		then(this.search).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void refusesADateRangeThatEndsBeforeItStartsWith400(Client client) throws Exception {
		this.mvc
			.perform(client.results(get("/orders"))
				.param("from", "2026-11-30")
				.param("to", "2026-11-01")
				.with(user(MANAGER)))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(client.isHtmx() ? "orders/list :: invalidFilter" : "error/problem"))
			.andExpect(content().string(containsString("The start date is after the end date")));

		verifyNoInteractions(this.search);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsAViewerNoActionsInTheMenu(Client client) throws Exception {
		given(this.search.find(eq(MERCHANT), any(), anyInt()))
			.willReturn(new OrderPage(List.of(OrderSummary.of(order("NS-10001", "Sara Svensson"))), null));

		this.mvc.perform(client.results(get("/orders")).with(user(VIEWER)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No actions available")))
			.andExpect(content().string(not(containsString("menu-item menu-"))))
			// The button says so at a glance, and in its accessible name.
			.andExpect(content().string(containsString("<summary class=\"menu-button menu-button-none\"")))
			.andExpect(content()
				.string(containsString("aria-label=\"No actions available for order NS-10001\">No actions</summary>")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void sendsAnAnonymousRequestToLogInWithoutSearching(Client client) throws Exception {
		var result = this.mvc.perform(client.results(get("/orders")));
		if (client.isHtmx()) {
			// Not the login form swapped into the results: htmx reloads the page.
			result.andExpect(status().isForbidden()).andExpect(header().string("HX-Refresh", "true"));
		}
		else {
			result.andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		}
		verifyNoInteractions(this.search, this.orders);
	}

	// --- An order's details ---

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsAnOrdersDetailsWithLinesAmountsTimelineAndActions(Client client) throws Exception {
		Order order = order("NS-10001", "Sara Svensson");
		order.captureLines(List.of(new LineQuantity("SKU-1", 1)),
				new Actor("orders@nordic-shoes.example", Role.ORDER_MANAGER, NOW, "setup-key-0000000001"));
		given(this.orders.details(staffOf(MANAGER), eq(order.getPublicId()))).willReturn(details(order, null));

		MvcResult result = this.mvc.perform(client.apply(get("/orders/{id}", order.getPublicId())).with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name("orders/details"))
			.andReturn();

		String body = result.getResponse().getContentAsString();
		assertThat(body).contains("Order NS-10001")
			.contains("id=\"order-details\"")
			.contains("Sara Svensson")
			.contains("sara@example.com")
			.contains(order.getPublicId().toString())
			.contains("Shirt")
			.contains("Shoes")
			.contains(">Part captured<")
			.contains(order.getCaptured().format(Locale.ENGLISH))
			.contains(order.getRemaining().format(Locale.ENGLISH))
			.contains("event-CAPTURED")
			.contains("event-CREATED")
			.contains("orders@nordic-shoes.example")
			.contains("/orders/" + order.getPublicId() + "/captures/new")
			.contains("/orders/" + order.getPublicId() + "/refunds/new")
			.contains("/orders/" + order.getPublicId() + "/release-authorization")
			.doesNotContain("/orders/" + order.getPublicId() + "/cancel\"");
		// The OOB attribute is only for the details that an action swaps in.
		assertThat(body).doesNotContain("hx-swap-oob");
		// The whole timeline fits on one page: nothing older to show.
		assertThat(body).doesNotContain("timeline-more").doesNotContain("/timeline");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsThePageOfTheTimelineItIsGivenWithALinkToTheOlderEvents(Client client) throws Exception {
		Order order = orderWithRefunds(3);
		List<OrderEvent> newest = order.getTimeline().subList(0, 2);
		TimelinePage.Cursor older = new TimelinePage.Cursor(Instant.parse("2026-11-01T10:02:00Z"), 4711);
		given(this.orders.details(staffOf(MANAGER), eq(order.getPublicId())))
			.willReturn(new OrderDetails(order, new TimelinePage(newest, older)));

		String body = this.mvc.perform(client.apply(get("/orders/{id}", order.getPublicId())).with(user(MANAGER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		Document page = Jsoup.parse(body);
		assertThat(page.select("ol.timeline > li.timeline-event .event-note").eachText()).containsExactly("Refund 3",
				"Refund 2");
		Element link = page.selectFirst("ol.timeline > li.timeline-more:last-child > a#timeline-older");
		assertThat(link).isNotNull();
		String url = "/orders/" + order.getPublicId() + "/timeline?before=" + older.encode();
		assertThat(link.attr("href")).isEqualTo(url);
		assertThat(link.attr("hx-get")).isEqualTo(url);
		assertThat(link.attr("hx-target")).isEqualTo("closest li");
		assertThat(link.attr("hx-swap")).isEqualTo("outerHTML");
		assertThat(link.text()).isEqualTo("Show older events");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void answersTheOlderEventsAsItemsToAppendForHtmxAndAsAPageWithout(Client client) throws Exception {
		Order order = orderWithRefunds(3);
		TimelinePage.Cursor before = new TimelinePage.Cursor(Instant.parse("2026-11-01T10:02:00.123456Z"), 4711);
		TimelinePage.Cursor next = new TimelinePage.Cursor(Instant.parse("2026-11-01T10:01:00Z"), 815);
		List<OrderEvent> olderEvents = order.getTimeline().subList(1, 3);
		given(this.orders.details(staffOf(MANAGER), eq(order.getPublicId()), eq(before)))
			.willReturn(new OrderDetails(order, new TimelinePage(olderEvents, next)));

		String body = this.mvc
			.perform(client.apply(get("/orders/{id}/timeline", order.getPublicId()).param("before", before.encode()))
				.with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(view().name(client.isHtmx() ? "orders/timeline :: events" : "orders/timeline"))
			.andExpect(header().stringValues("Vary", hasItem("HX-Request")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		Document page = Jsoup.parse(body);
		assertThat(page.select("li.timeline-event .event-note").eachText()).containsExactly("Refund 2", "Refund 1");
		assertThat(page.select("li.timeline-more > a#timeline-older").attr("href"))
			.isEqualTo("/orders/" + order.getPublicId() + "/timeline?before=" + next.encode());
		if (client.isHtmx()) {
			// Only the list items that take the place of the link.
			assertThat(body.strip()).startsWith("<li class=\"timeline-event event-REFUNDED\">");
			assertThat(body).doesNotContain("<html").doesNotContain("<ol").doesNotContain("<h1");
		}
		else {
			assertThat(page.select("h1").text()).isEqualTo("Older events of order NS-10001");
			assertThat(page.select(".breadcrumb a").attr("href")).isEqualTo("/orders/" + order.getPublicId());
			assertThat(page.select("ol.timeline > li.timeline-event")).hasSize(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsTheNewestEventsWhenTheTimelineLinkHasNoCursor(Client client) throws Exception {
		Order order = orderWithRefunds(1);
		given(this.orders.details(staffOf(MANAGER), eq(order.getPublicId()), eq(null)))
			.willReturn(details(order, null));

		this.mvc.perform(client.apply(get("/orders/{id}/timeline", order.getPublicId())).with(user(MANAGER)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Refund 1")));
	}

	static Stream<Arguments> malformedTimelineCursors() {
		TimelinePage.Cursor real = new TimelinePage.Cursor(Instant.parse("2026-11-01T10:02:00Z"), 4711);
		byte[] valid = Base64.getUrlDecoder().decode(real.encode());
		Stream<String> cursors = Stream.of("not-a-cursor!", "%%", base64(Arrays.copyOf(valid, valid.length - 1)),
				base64(Arrays.copyOf(valid, valid.length + 1)), base64(new byte[valid.length]),
				new OrderFilter.Cursor(CREATED, UUID.randomUUID()).encode(),
				base64(java.nio.ByteBuffer.allocate(valid.length).putLong(Long.MAX_VALUE).putInt(0).putLong(1).array()),
				base64(java.nio.ByteBuffer.allocate(valid.length)
					.putLong(CREATED.getEpochSecond())
					.putInt(-1)
					.putLong(1)
					.array()),
				base64(java.nio.ByteBuffer.allocate(valid.length)
					.putLong(CREATED.getEpochSecond())
					.putInt(1)
					.putLong(1)
					.array()),
				base64(java.nio.ByteBuffer.allocate(valid.length)
					.putLong(CREATED.getEpochSecond())
					.putInt(0)
					.putLong(-5)
					.array()),
				"A".repeat(5000));
		return cursors.flatMap((cursor) -> Stream.of(Client.values()).map((client) -> Arguments.of(client, cursor)));
	}

	@ParameterizedTest(name = "[{index}] {0} before={1}")
	@MethodSource("malformedTimelineCursors")
	void refusesAMalformedTimelineCursorWith400AndAClearMessageWithoutReading(Client client, String cursor)
			throws Exception {
		UUID orderId = UUID.randomUUID();

		String body = this.mvc
			.perform(client.apply(get("/orders/{id}/timeline", orderId).param("before", cursor)).with(user(MANAGER)))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(client.isHtmx() ? "error/problem :: message" : "error/problem"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains("That request is not valid")
			.contains("This link to older events is not valid: open the order again to see its newest events.");
		assertThat(body).doesNotContain(cursor.substring(0, Math.min(cursor.length(), 40)));
		verifyNoInteractions(this.orders);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void answersTheTimelineOfAnUnknownOrderWith404(Client client) throws Exception {
		UUID unknown = UUID.randomUUID();
		TimelinePage.Cursor before = new TimelinePage.Cursor(Instant.parse("2026-11-01T10:02:00Z"), 4711);
		given(this.orders.details(staffOf(MANAGER), eq(unknown), any())).willThrow(new OrderNotFoundException(unknown));

		this.mvc
			.perform(client.apply(get("/orders/{id}/timeline", unknown).param("before", before.encode()))
				.with(user(MANAGER)))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Order not found")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void answersAnUnknownOrderWith404(Client client) throws Exception {
		UUID unknown = UUID.randomUUID();
		given(this.orders.details(staffOf(MANAGER), eq(unknown))).willThrow(new OrderNotFoundException(unknown));

		String body = this.mvc.perform(client.apply(get("/orders/{id}", unknown)).with(user(MANAGER)))
			.andExpect(status().isNotFound())
			.andExpect(view().name(client.isHtmx() ? "error/problem :: message" : "error/problem"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains("Order not found")
			.contains("There is no such order among your merchant&#39;s orders.")
			.doesNotContain(unknown.toString());
		if (client.isHtmx()) {
			assertThat(body).doesNotContain("<html");
		}
		else {
			assertThat(body).contains("<html");
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void escapesWhatShoppersAndStaffTyped(Client client) throws Exception {
		String script = "<script>alert('x')</script>";
		Order order = order("NS-<b>1</b>", script);
		given(this.search.find(eq(MERCHANT), any(), anyInt()))
			.willReturn(new OrderPage(List.of(OrderSummary.of(order)), null));

		String body = this.mvc
			.perform(client.results(get("/orders")).param("q", "\"><img src=x onerror=alert(1)>").with(user(MANAGER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).doesNotContain("<script>alert")
			.doesNotContain("<img src=x")
			.doesNotContain("<b>1</b>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.contains("NS-&lt;b&gt;1&lt;/b&gt;");
	}

	// --- Page text ---

	/**
	 * The Orders page and an order's page write nothing beyond Latin-1 of their own (a
	 * shopper's name may): one such character, such as a pager's arrow, made the whole
	 * rendered page a two-byte string, copied and encoded to UTF-8 character by character
	 * (a tenth of the page's time under load). Arrows and dashes are character
	 * references.
	 */
	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "en", "sv", "de" })
	void writesTheOrdersPagesInLatinOneInEveryLanguage(String language) throws Exception {
		Order order = order("NS-10001", "Sara Svensson");
		OrderSummary summary = OrderSummary.of(order);
		given(this.search.find(eq(MERCHANT), any(), anyInt()))
			.willReturn(new OrderPage(List.of(summary), OrderFilter.Cursor.of(summary)));
		given(this.orders.details(staffOf(MANAGER), eq(order.getPublicId()))).willReturn(details(order, null));

		String list = this.mvc
			.perform(get("/orders").param("after", OrderFilter.Cursor.of(summary).encode())
				.header("Accept-Language", language)
				.with(user(MANAGER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String details = this.mvc
			.perform(get("/orders/{id}", order.getPublicId()).header("Accept-Language", language).with(user(MANAGER)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		// Both pager links and the way back are there, their arrows hidden from readers.
		assertThat(list).contains("<span aria-hidden=\"true\">&larr;</span>")
			.contains("<span aria-hidden=\"true\">&rarr;</span>");
		assertThat(details).contains("<span aria-hidden=\"true\">&larr;</span>");
		assertThat(beyondLatinOne(list)).isEmpty();
		assertThat(beyondLatinOne(details)).isEmpty();
	}

	private static List<String> beyondLatinOne(String page) {
		return page.codePoints()
			.filter((c) -> c > 0xFF)
			.mapToObj((c) -> Character.getName(c) + " at " + page.indexOf(Character.toString(c)))
			.toList();
	}

	// --- Fixtures ---

	/** A cursor's length, as the Orders page encodes it. */
	private static final int CURSOR_LENGTH = Base64.getUrlDecoder()
		.decode(new OrderFilter.Cursor(CREATED, UUID.fromString("0b5e7f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b"))
			.encode()).length;

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** As many bytes as a cursor has, all of the value. */
	private static byte[] filled(int value) {
		byte[] bytes = new byte[CURSOR_LENGTH];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	/** A new order of the merchant: Shirt 2 × 300.00 and Shoes 1 × 400.00 SEK. */
	private static Order order(String reference, String customer) {
		return new Order(MERCHANT, reference, customer, "sara@example.com", SEK,
				List.of(new OrderLine.NewLine("SKU-1", "Shirt", 2, 30000, 2500),
						new OrderLine.NewLine("SKU-2", "Shoes", 1, 40000, 2500)),
				CREATED);
	}

	/** An order with all its events on one page, or with the older ones at the cursor. */
	private static OrderDetails details(Order order, TimelinePage.Cursor older) {
		return new OrderDetails(order, new TimelinePage(order.getTimeline(), older));
	}

	/** A captured order, refunded 1.00 that many times, noted "Refund 1" and so on. */
	private static Order orderWithRefunds(int refunds) {
		Order order = order("NS-10001", "Sara Svensson");
		Instant at = CREATED.plusSeconds(60);
		order.capture(order.getRemaining(), new Actor("orders@nordic-shoes.example", Role.ORDER_MANAGER, at, null));
		for (int i = 1; i <= refunds; i++) {
			order.refund(Money.of(100, SEK), RefundReason.RETURNED, "Refund " + i,
					new Actor("orders@nordic-shoes.example", Role.ORDER_MANAGER, at.plusSeconds(i), null));
		}
		return order;
	}

	/** The logged-in user, as the controller hands them to the service. */
	private static Staff staffOf(PortalUserDetails user) {
		return argThat((staff) -> staff != null && staff.merchantId() == user.merchantId()
				&& user.getUsername().equals(staff.username()) && staff.role() == user.role());
	}

}
