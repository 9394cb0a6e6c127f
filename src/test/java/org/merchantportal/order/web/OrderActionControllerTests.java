package org.merchantportal.order.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.ActionOutcome;
import org.merchantportal.order.Actor;
import org.merchantportal.order.LineQuantity;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.OrderFixtures;
import org.merchantportal.order.OrderLine;
import org.merchantportal.order.OrderNotFoundException;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The More actions ({@link OrderActionController}): each dialog, and each action's
 * success, refusal (409), bad input (422), unknown order (404) and the requests security
 * turns away (403), with the portal's security, error handling and templates. The order
 * service is a mock that, like the real one, carries the action out on a real
 * {@link Order}, so refusals are the domain's own. Every case runs as htmx and as a plain
 * browser request.
 */
@WebMvcTest(controllers = OrderActionController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Formatter.class))
@Import({ TestUsers.PortalSecurity.class, OrderViewModel.class, OrderActionPages.class })
class OrderActionControllerTests {

	private static final long MERCHANT = 42;

	/** When the orders were placed: they expire on 2026-11-29. */
	private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

	/** The day after: an extend today runs until 2026-11-30. */
	private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

	private static final Currency SEK = Currency.getInstance("SEK");

	private static final String REFERENCE = "NS-10001";

	private static final PortalUserDetails MANAGER = TestUsers.user(MERCHANT, "orders@nordic-shoes.example",
			Role.ORDER_MANAGER);

	private static final PortalUserDetails VIEWER = TestUsers.user(MERCHANT, "viewer@nordic-shoes.example",
			Role.VIEWER);

	/** The keys OrderService accepts. */
	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private static final Pattern KEY_FIELD = Pattern
		.compile("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]*)\">");

	private static final String KEY_VALUE = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

	private static final String UNAVAILABLE = "This action is not available for this order any more. "
			+ "Close this and look at the order again.";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderService orders;

	@TestBean
	Clock clock;

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	/** How the request is made: by htmx, or by a browser without JavaScript. */
	enum Client {

		/** htmx sends the CSRF token as a header (portal.js reads it from the page). */
		HTMX,

		/** A plain form post carries the CSRF token as a field. */
		PLAIN;

		MockHttpServletRequestBuilder apply(MockHttpServletRequestBuilder request) {
			return (this == HTMX) ? request.header("HX-Request", "true") : request;
		}

		MockHttpServletRequestBuilder withCsrf(MockHttpServletRequestBuilder request) {
			return apply(request).with((this == HTMX) ? csrf().asHeader() : csrf());
		}

		boolean isHtmx() {
			return this == HTMX;
		}

	}

	/** The More actions: where each dialog opens and its form posts. */
	enum Action {

		CANCEL("cancel", "cancel", "cancel"),

		CAPTURE("captures/new", "captures", "capture"),

		REFUND("refunds/new", "refunds", "refund"),

		RELEASE("release-authorization", "release-authorization", "release"),

		EXTEND("extend-authorization", "extend-authorization", "extend");

		final String dialogPath;

		final String postPath;

		final String fragment;

		Action(String dialogPath, String postPath, String fragment) {
			this.dialogPath = dialogPath;
			this.postPath = postPath;
			this.fragment = fragment;
		}

		/** A state in which the order allows the action. */
		OrderStatus allowedIn() {
			return switch (this) {
				case CANCEL, EXTEND -> OrderStatus.AUTHORIZED;
				case CAPTURE, REFUND, RELEASE -> OrderStatus.PART_CAPTURED;
			};
		}

		/** A state in which the order does not allow the action. */
		OrderStatus refusedIn() {
			return switch (this) {
				case CANCEL, CAPTURE -> OrderStatus.CAPTURED;
				case REFUND, RELEASE -> OrderStatus.AUTHORIZED;
				case EXTEND -> OrderStatus.CANCELLED;
			};
		}

		/** Valid fields for the action's form, besides the idempotency key. */
		Map<String, List<String>> validFields() {
			return switch (this) {
				case CAPTURE -> fields("mode", "amount", "amount", "100.00");
				case REFUND -> fields("mode", "amount", "amount", "100.00", "reason", "RETURNED");
				default -> Map.of();
			};
		}

		String view(Client client) {
			return client.isHtmx() ? "orders/dialogs :: " + this.fragment : "orders/action";
		}

	}

	// --- Dialogs ---

	static Stream<Arguments> dialogs() {
		return combine(Action.values());
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void opensEachDialogWithAFreshIdempotencyKeyAndASubmitButton(Client client, Action action) throws Exception {
		Order order = serviceActsOn(orderIn(action.allowedIn()));
		Snapshot before = Snapshot.of(order);

		String first = this.mvc.perform(dialog(client, action, order, MANAGER))
			.andExpect(status().isOk())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String second = this.mvc.perform(dialog(client, action, order, MANAGER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		String key = idempotencyKey(first);
		assertThat(key).matches(KEY);
		assertThat(idempotencyKey(second)).matches(KEY).isNotEqualTo(key);
		String url = "/orders/" + order.getPublicId() + "/" + action.postPath;
		assertThat(first).contains("action=\"" + url + "\"")
			.contains("hx-post=\"" + url + "\"")
			.contains("<button type=\"submit\" class=\"button")
			.contains("data-order=\"" + order.getPublicId() + "\"")
			.doesNotContain("role=\"alert\"");
		if (client.isHtmx()) {
			assertThat(first).doesNotContain("<html");
		}
		else {
			assertThat(first).contains("<html").contains("<meta name=\"_csrf\"");
		}
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
		then(this.orders).should(times(2).description("the order read once per dialog")).get(any(), any());
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsTheAmountAndCustomerInTheCancelDialog(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.AUTHORIZED));

		this.mvc.perform(dialog(client, Action.CANCEL, order, MANAGER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Cancel order " + REFERENCE + "?")))
			.andExpect(content().string(containsString(
					"The order of " + sek(100000) + " for Sara Svensson will be cancelled and the whole authorization "
							+ "released: the customer will not be charged. This cannot be undone.")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void prefillsTheCaptureDialogWithTheRemainingAmount(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.PART_CAPTURED));

		String body = this.mvc.perform(dialog(client, Action.CAPTURE, order, MANAGER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(inputValue(body, "capture-amount")).isEqualTo("700.00");
		assertThat(body).contains("Remaining authorization: " + sek(70000) + " (captured so far: " + sek(30000) + ").")
			.contains("<input type=\"radio\" name=\"mode\" value=\"amount\" checked=\"checked\">");
		// Only what can still be captured is offered by line: 1 Shirt and the Shoes.
		assertThat(body).contains("<input type=\"hidden\" name=\"line\" value=\"SKU-1\">")
			.contains("<input type=\"hidden\" name=\"line\" value=\"SKU-2\">");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void prefillsTheRefundDialogWithTheWholeRefundableAmount(Client client) throws Exception {
		Order order = orderIn(OrderStatus.PART_CAPTURED);
		order.refund(Money.of(10000, SEK), RefundReason.RETURNED, null, setup());
		serviceActsOn(order);

		String body = this.mvc.perform(dialog(client, Action.REFUND, order, MANAGER))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(inputValue(body, "refund-amount")).isEqualTo("200.00");
		assertThat(body)
			.contains("Refundable: " + sek(20000) + " (captured " + sek(30000) + ", refunded " + sek(10000) + ").")
			.contains("Refundable in full: " + sek(20000) + ".");
		for (RefundReason reason : RefundReason.values()) {
			assertThat(body).contains("<option value=\"" + reason + "\">");
		}
		// Only the captured Shirt can be refunded by line.
		assertThat(body).contains("<input type=\"hidden\" name=\"line\" value=\"SKU-1\">")
			.doesNotContain("<input type=\"hidden\" name=\"line\" value=\"SKU-2\">");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsWhatTheReleaseDialogWillRelease(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.PART_CAPTURED));

		this.mvc.perform(dialog(client, Action.RELEASE, order, MANAGER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(sek(70000)
					+ " still authorized will be released to the customer, and the order closed: nothing more can be "
					+ "captured. The " + sek(30000) + " captured stays captured and can still be refunded.")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showsTheNewExpiryInTheExtendDialog(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.AUTHORIZED));

		this.mvc.perform(dialog(client, Action.EXTEND, order, MANAGER))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("The authorization will run until 2026-11-30 instead of 2026-11-29.")));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void saysThatASecondExtendTodayChangesNothing(Client client) throws Exception {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.extendAuthorization(setup());
		serviceActsOn(order);

		this.mvc.perform(dialog(client, Action.EXTEND, order, MANAGER))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"The authorization already runs until 2026-11-30, as long as it can today: extending changes nothing.")));
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void refusesTheDialogOfAnActionTheOrderDoesNotAllowWith409AndNoSubmitButton(Client client, Action action)
			throws Exception {
		Order order = serviceActsOn(orderIn(action.refusedIn()));
		Snapshot before = Snapshot.of(order);

		String body = this.mvc.perform(dialog(client, action, order, MANAGER))
			.andExpect(status().isConflict())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertNoForm(body, UNAVAILABLE);
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void refusesEveryDialogToAViewerWith409AndNoSubmitButton(Client client, Action action) throws Exception {
		Order order = orderIn(action.allowedIn());
		given(this.orders.get(staffOf(VIEWER), eq(order.getPublicId()))).willReturn(order);

		String body = this.mvc.perform(dialog(client, action, order, VIEWER))
			.andExpect(status().isConflict())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertNoForm(body, "Your role may view orders but not change them.");
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void answersTheDialogOfAnUnknownOrderWith404(Client client, Action action) throws Exception {
		UUID unknown = unknownOrder();

		this.mvc.perform(client.apply(get("/orders/{id}/" + action.dialogPath, unknown)).with(user(MANAGER)))
			.andExpect(status().isNotFound())
			.andExpect(view().name(client.isHtmx() ? "error/problem :: message" : "error/problem"))
			.andExpect(content().string(containsString("Order not found")));
	}

	// --- Actions that succeed ---

	/** An action that succeeds, what it tells the user, and what it asked the service. */
	record Success(String name, Action action, OrderStatus from, Map<String, List<String>> fields, String message,
			OrderStatus to, Check check) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** What the controller must have asked the service. */
	interface Check {

		void verify(OrderService orders, UUID orderId, String key);

	}

	static Stream<Success> successes() {
		return Stream.of(new Success("cancel", Action.CANCEL, OrderStatus.AUTHORIZED, Map.of(),
				"Order " + REFERENCE + " cancelled: " + sek(100000) + " released to the customer.",
				OrderStatus.CANCELLED, (orders, id, key) -> then(orders).should().cancel(manager(), eq(id), eq(key))),
				new Success("capture an amount", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "amount", "amount", " 250,00 "),
						"Captured " + sek(25000) + " of order " + REFERENCE + ".", OrderStatus.PART_CAPTURED,
						(orders, id, key) -> then(orders).should()
							.capture(manager(), eq(id), eq(key), amountOf(Money.of(25000, SEK)), isNull())),
				new Success("capture the remaining amount", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("amount", "1000"), "Captured " + sek(100000) + " of order " + REFERENCE + ".",
						OrderStatus.CAPTURED,
						(orders, id, key) -> then(orders).should()
							.capture(manager(), eq(id), eq(key), amountOf(Money.of(100000, SEK)), isNull())),
				new Success("capture lines", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "1", "line", "SKU-2", "quantity", ""),
						"Captured " + sek(30000) + " of order " + REFERENCE + ".", OrderStatus.PART_CAPTURED,
						(orders, id, key) -> then(orders).should()
							.captureLines(manager(), eq(id), eq(key), eq(List.of(new LineQuantity("SKU-1", 1))))),
				new Success("refund an amount", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "100.50", "reason", "RETURNED", "note", ""),
						"Refunded " + sek(10050) + " of order " + REFERENCE
								+ ". It can take up to 14 days to reach the customer's bank.",
						OrderStatus.CAPTURED,
						(orders, id, key) -> then(orders).should()
							.refund(manager(), eq(id), eq(key), amountOf(Money.of(10050, SEK)),
									eq(RefundReason.RETURNED), eq(""))),
				new Success("refund lines with a note", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "0", "line", "SKU-2", "quantity", "1",
								"reason", "OTHER", "note", "Box damaged in transit"),
						"Refunded " + sek(40000) + " of order " + REFERENCE
								+ ". It can take up to 14 days to reach the customer's bank.",
						OrderStatus.CAPTURED,
						(orders, id, key) -> then(orders).should()
							.refundLines(manager(), eq(id), eq(key),
									eq(List.of(new LineQuantity("SKU-1", 0), new LineQuantity("SKU-2", 1))),
									eq(RefundReason.OTHER), eq("Box damaged in transit"))),
				new Success("release", Action.RELEASE, OrderStatus.PART_CAPTURED, Map.of(),
						"Released the remaining " + sek(70000) + " of order " + REFERENCE + "; the order is closed.",
						OrderStatus.CLOSED,
						(orders, id, key) -> then(orders).should()
							.releaseRemainingAuthorization(manager(), eq(id), eq(key))),
				new Success("extend", Action.EXTEND, OrderStatus.AUTHORIZED, Map.of(),
						"The authorization of order " + REFERENCE + " now runs until 2026-11-30.",
						OrderStatus.AUTHORIZED,
						(orders, id, key) -> then(orders).should().extendAuthorization(manager(), eq(id), eq(key))));
	}

	static Stream<Arguments> successCases() {
		return combine(successes().toArray());
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("successCases")
	void carriesOutTheActionAndUpdatesTheRowInPlaceOrRedirectsToTheOrder(Client client, Success success)
			throws Exception {
		Order order = serviceActsOn(orderIn(success.from()));
		UUID id = order.getPublicId();

		ResultActions result = this.mvc.perform(action(client, success.action(), id, success.fields(), MANAGER));

		if (client.isHtmx()) {
			String body = result.andExpect(status().isOk())
				.andExpect(view().name("orders/dialogs :: done"))
				.andExpect(header().string("HX-Trigger-After-Settle", containsString("orderActionDone")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).contains("<div hx-swap-oob=\"innerHTML:#status-message\"><span>" + html(success.message())
					+ "</span></div>");
			assertThat(body).contains("<tr id=\"order-" + id + "\" class=\"order-row\" hx-swap-oob=\"true\">")
				.contains("badge status-" + success.to())
				.doesNotContain("id=\"order-details\"")
				.doesNotContain("<html");
		}
		else {
			result.andExpect(status().isFound())
				.andExpect(redirectedUrl("/orders/" + id))
				.andExpect(flash().attribute("message", success.message()))
				.andExpect(header().doesNotExist("HX-Trigger-After-Settle"));
		}
		success.check().verify(this.orders, id, KEY_VALUE);
		assertThat(order.getStatus()).isEqualTo(success.to());
		// The action reads the order once, locked, and its outcome carries the order as
		// it
		// left it; an outcome without it (the extend's, as stubbed here) has it read
		// again.
		then(this.orders).should((success.action() == Action.EXTEND) ? times(1) : never()).get(any(), any());
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void updatesTheOpenDetailsInPlaceAfterAnActionOnTheDetailsPage(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.AUTHORIZED));
		UUID id = order.getPublicId();

		ResultActions result = this.mvc.perform(action(client, Action.CANCEL, id, Map.of(), MANAGER)
			.header("HX-Current-URL", "http://localhost/orders/" + id));

		if (client.isHtmx()) {
			String body = result.andExpect(status().isOk())
				.andExpect(view().name("orders/dialogs :: done"))
				.andExpect(header().string("HX-Trigger-After-Settle", containsString("orderActionDone")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).contains("<section id=\"order-details\" class=\"order-details\" hx-swap-oob=\"true\">")
				.contains("badge status-CANCELLED")
				.contains("event-CANCELLED")
				.doesNotContain("class=\"order-row\"");
			// The page of the timeline the service read, not the whole timeline.
			assertThat(body).doesNotContain("event-CREATED").contains("id=\"timeline-older\"");
			then(this.orders).should().details(manager(), eq(id));
		}
		else {
			result.andExpect(status().isFound()).andExpect(redirectedUrl("/orders/" + id));
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void saysThatASecondExtendTodayChangedNothing(Client client) throws Exception {
		Order order = orderIn(OrderStatus.AUTHORIZED);
		order.extendAuthorization(setup());
		serviceActsOn(order);
		String message = "The authorization of order " + REFERENCE
				+ " already runs until 2026-11-30, as long as it can today: nothing changed.";

		ResultActions result = this.mvc.perform(action(client, Action.EXTEND, order.getPublicId(), Map.of(), MANAGER));

		if (client.isHtmx()) {
			result.andExpect(status().isOk()).andExpect(content().string(containsString(message)));
		}
		else {
			result.andExpect(status().isFound()).andExpect(flash().attribute("message", message));
		}
	}

	// --- Actions the order refuses ---

	static Stream<Arguments> refusals() {
		return combine(
				refusal(Action.CANCEL, OrderStatus.CAPTURED, "CANCEL_NOT_ALLOWED",
						"Order has captures: refund it instead"),
				refusal(Action.CANCEL, OrderStatus.CANCELLED, "CANCEL_NOT_ALLOWED", "Order is already cancelled"),
				refusal(Action.CAPTURE, OrderStatus.CAPTURED, "CAPTURE_NOT_ALLOWED",
						"Nothing is left to capture: order is fully captured"),
				refusal(Action.REFUND, OrderStatus.AUTHORIZED, "REFUND_NOT_ALLOWED",
						"Order has no captures: cancel it instead"),
				refusal(Action.RELEASE, OrderStatus.AUTHORIZED, "NOT_ALLOWED",
						"Only a part-captured order has a remaining authorization to release"),
				refusal(Action.EXTEND, OrderStatus.CANCELLED, "NOT_ALLOWED",
						"The authorization cannot be extended: order is cancelled"));
	}

	private static Object[] refusal(Action action, OrderStatus status, String code, String message) {
		return new Object[] { action, status, code, message };
	}

	@ParameterizedTest(name = "[{index}] {0} {1} of a {2} order")
	@MethodSource("refusals")
	void refusesAnActionTheOrderDoesNotAllowWith409AndItsCodeAndMessage(Client client, Action action,
			OrderStatus status, String code, String message) throws Exception {
		Order order = serviceActsOn(orderIn(status));
		Snapshot before = Snapshot.of(order);

		String body = this.mvc.perform(action(client, action, order.getPublicId(), action.validFields(), MANAGER))
			.andExpect(status().isConflict())
			.andExpect(view().name(client.isHtmx() ? "orders/dialogs :: refused" : "orders/action"))
			.andExpect(header().doesNotExist("HX-Trigger-After-Settle"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains("<strong class=\"refusal-code\">" + code + "</strong>");
		if (client.isHtmx()) {
			assertThat(body).as("the order's current row, out of band")
				.contains("id=\"order-" + order.getPublicId() + "\"")
				.contains("hx-swap-oob=\"true\"");
		}
		assertNoForm(body, message);
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
	}

	// --- Bad input ---

	static Stream<Arguments> malformedAmounts() {
		List<Object[]> cases = new ArrayList<>();
		for (Action action : List.of(Action.CAPTURE, Action.REFUND)) {
			cases.add(new Object[] { action, "-1", "Enter an amount above zero" });
			cases.add(new Object[] { action, "1e3", "Enter an amount such as 12.50" });
			cases.add(new Object[] { action, "NaN", "Enter an amount such as 12.50" });
			cases.add(new Object[] { action, "1,000",
					"Is that a thousands separator? Write the amount as 1000 or 12.50" });
			cases.add(new Object[] { action, "12.345", "SEK amounts have at most 2 decimals" });
			cases.add(new Object[] { action, "99999999999999999999", "Enter an amount such as 12.50" });
			cases.add(new Object[] { action, "999999999999999999", "The amount is too large" });
			cases.add(new Object[] { action, "", "Enter an amount" });
			cases.add(new Object[] { action, "   ", "Enter an amount" });
		}
		return combine(cases.toArray());
	}

	@ParameterizedTest(name = "[{index}] {0} {1} \"{2}\"")
	@MethodSource("malformedAmounts")
	void refusesAMalformedAmountWith422AtTheFieldChangingNothing(Client client, Action action, String amount,
			String message) throws Exception {
		OrderStatus status = OrderStatus.PART_CAPTURED;
		Order order = serviceActsOn(orderIn(status));
		Snapshot before = Snapshot.of(order);
		Map<String, List<String>> fields = fields("mode", "amount", "amount", amount, "reason", "RETURNED");

		String body = this.mvc.perform(action(client, action, order.getPublicId(), fields, MANAGER))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertFieldError(body, action.fragment + "-amount-error", message);
		assertThat(body).contains("aria-invalid=\"true\"");
		assertThat(idempotencyKey(body)).as("the same key, so that a corrected retry stays one action")
			.isEqualTo(KEY_VALUE);
		// The service reads the amount in the locked order's currency, before it changes
		// anything (OrderServiceTests).
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
	}

	static Stream<Arguments> refusedInput() {
		return combine(
				input("capture zero", Action.CAPTURE, OrderStatus.AUTHORIZED, fields("mode", "amount", "amount", "0"),
						"capture-amount-error", "Enter an amount above zero"),
				input("capture more than remaining", Action.CAPTURE, OrderStatus.PART_CAPTURED,
						fields("mode", "amount", "amount", "700.01"), "capture-amount-error",
						"The most you can capture is SEK\u00a0700.00"),
				input("capture more of a line than ordered", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "3"), "capture-lines-error",
						"Only 2 of Shirt can be captured"),
				input("capture no lines", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "0"), "capture-lines-error",
						"Choose at least one line and quantity"),
				input("refund zero", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "0.00", "reason", "RETURNED"), "refund-amount-error",
						"Enter an amount above zero"),
				input("refund more than refundable", Action.REFUND, OrderStatus.PART_CAPTURED,
						fields("mode", "amount", "amount", "300.01", "reason", "RETURNED"), "refund-amount-error",
						"The most you can refund is SEK\u00a0300.00"),
				input("refund OTHER without note", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "100", "reason", "OTHER"), "refund-note-error",
						"Add a note to explain the refund"),
				input("refund OTHER with a blank note", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "100", "reason", "OTHER", "note", "   "),
						"refund-note-error", "Add a note to explain the refund"),
				input("refund a negative quantity", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "-1", "reason", "RETURNED"),
						"refund-lines-error", "Quantities cannot be negative"));
	}

	private static Object[] input(String name, Action action, OrderStatus status, Map<String, List<String>> fields,
			String errorId, String message) {
		return new Object[] { name, action, status, fields, errorId, message };
	}

	/**
	 * A quantity the order does not accept, or one that is not a whole number, marks its
	 * own field, tied to the message (portal.js moves the focus there).
	 */
	@ParameterizedTest(name = "[{index}] {0} {1} {4}")
	@MethodSource("offendingQuantities")
	void marksTheQuantityAtFaultTiedToItsMessage(Client client, Action action, OrderStatus status, String line,
			String quantity, String name, String message) throws Exception {
		Order order = serviceActsOn(orderIn(status));
		Map<String, List<String>> fields = fields("mode", "lines", "line", "SKU-1", "quantity",
				line.equals("SKU-1") ? quantity : "0", "line", "SKU-2", "quantity",
				line.equals("SKU-2") ? quantity : "0", "reason", "RETURNED");

		String body = this.mvc.perform(action(client, action, order.getPublicId(), fields, MANAGER))
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();

		Document page = Jsoup.parse(body);
		String errorId = action.fragment + "-lines-error";
		assertThat(page.select("#" + errorId).text()).isEqualTo(message);
		assertThat(page.select("input.qty[aria-invalid=true]")).singleElement().satisfies((input) -> {
			assertThat(input.attr("aria-label")).isEqualTo("Quantity of " + name);
			assertThat(input.attr("aria-describedby")).isEqualTo(errorId);
		});
	}

	static Stream<Arguments> offendingQuantities() {
		return combine(
				new Object[] { Action.CAPTURE, OrderStatus.AUTHORIZED, "SKU-2", "2", "Shoes",
						"Only 1 of Shoes can be captured" },
				new Object[] { Action.REFUND, OrderStatus.PART_CAPTURED, "SKU-1", "-1", "Shirt",
						"Quantities cannot be negative" },
				new Object[] { Action.CAPTURE, OrderStatus.AUTHORIZED, "SKU-2", "1.5", "Shoes",
						"Quantities are whole numbers" });
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("refusedInput")
	void refusesInputTheOrderDoesNotAcceptWith422AtTheField(Client client, String name, Action action,
			OrderStatus status, Map<String, List<String>> fields, String errorId, String message) throws Exception {
		Order order = serviceActsOn(orderIn(status));
		Snapshot before = Snapshot.of(order);

		String body = this.mvc.perform(action(client, action, order.getPublicId(), fields, MANAGER))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertFieldError(body, errorId, message);
		assertThat(body).as("input errors are no refusal of the order").doesNotContain("role=\"alert\"");
		assertThat(idempotencyKey(body)).isEqualTo(KEY_VALUE);
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
	}

	static Stream<Arguments> invalidFields() {
		return combine(input("refund without reason", Action.REFUND, OrderStatus.CAPTURED,
				fields("mode", "amount", "amount", "100"), "refund-reason-error", "Choose a reason for the refund"),
				input("refund with a blank reason", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "100", "reason", ""), "refund-reason-error",
						"Choose a reason for the refund"),
				input("refund with an unknown reason", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "amount", "amount", "100", "reason", "BOGUS"), "refund-reason-error",
						"Choose one of the listed reasons"),
				input("capture a quantity that is no number", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "abc"), "capture-lines-error",
						"Quantities are whole numbers"),
				input("capture a fractional quantity", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "1.5"), "capture-lines-error",
						"Quantities are whole numbers"),
				input("capture lines without quantities", Action.CAPTURE, OrderStatus.AUTHORIZED,
						fields("mode", "lines", "line", "SKU-1"), "capture-lines-error",
						"Choose at least one line and quantity"),
				input("refund a quantity that is no number", Action.REFUND, OrderStatus.CAPTURED,
						fields("mode", "lines", "line", "SKU-1", "quantity", "abc", "reason", "RETURNED"),
						"refund-lines-error", "Quantities are whole numbers"));
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("invalidFields")
	void refusesInvalidFieldsWith422AtTheFieldWithoutAskingTheService(Client client, String name, Action action,
			OrderStatus status, Map<String, List<String>> fields, String errorId, String message) throws Exception {
		Order order = serviceActsOn(orderIn(status));
		Snapshot before = Snapshot.of(order);

		String body = this.mvc.perform(action(client, action, order.getPublicId(), fields, MANAGER))
			.andExpect(status().isUnprocessableContent())
			.andExpect(view().name(action.view(client)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertFieldError(body, errorId, message);
		assertThat(idempotencyKey(body)).isEqualTo(KEY_VALUE);
		assertNotCarriedOut();
		assertThat(Snapshot.of(order)).as("nothing changed").isEqualTo(before);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void keepsWhatWasEnteredInTheRefundFormItSendsBack(Client client) throws Exception {
		Order order = serviceActsOn(orderIn(OrderStatus.CAPTURED));

		String body = this.mvc
			.perform(action(client, Action.REFUND, order.getPublicId(),
					fields("mode", "amount", "amount", "123.45", "reason", "OTHER", "note", ""), MANAGER))
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(inputValue(body, "refund-amount")).isEqualTo("123.45");
		assertThat(body).contains("<option value=\"OTHER\" selected=\"selected\">");
	}

	// --- Unknown orders and requests security turns away ---

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void answersAnActionOnAnUnknownOrderWith404(Client client, Action action) throws Exception {
		UUID unknown = unknownOrder();

		this.mvc.perform(action(client, action, unknown, action.validFields(), MANAGER))
			.andExpect(status().isNotFound())
			.andExpect(view().name(client.isHtmx() ? "error/problem :: message" : "error/problem"))
			.andExpect(content().string(containsString("Order not found")))
			.andExpect(header().doesNotExist("HX-Trigger-After-Settle"));
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void refusesAnActionWithoutCsrfTokenWith403(Client client, Action action) throws Exception {
		Order order = orderIn(action.allowedIn());

		this.mvc
			.perform(client.apply(post("/orders/{id}/" + action.postPath, order.getPublicId()))
				.params(form(action.validFields()))
				.with(user(MANAGER)))
			.andExpect(status().isForbidden());

		verifyNoInteractions(this.orders);
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void refusesEveryActionToAViewerWith403(Client client, Action action) throws Exception {
		Order order = orderIn(action.allowedIn());

		this.mvc.perform(action(client, action, order.getPublicId(), action.validFields(), VIEWER))
			.andExpect(status().isForbidden());

		verifyNoInteractions(this.orders);
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("dialogs")
	void refusesAnAnonymousActionWithoutAskingTheService(Client client, Action action) throws Exception {
		Order order = orderIn(action.allowedIn());

		ResultActions result = this.mvc
			.perform(client.withCsrf(post("/orders/{id}/" + action.postPath, order.getPublicId()))
				.params(form(action.validFields()))
				.param("idempotencyKey", KEY_VALUE));

		if (client.isHtmx()) {
			result.andExpect(status().isForbidden()).andExpect(header().string("HX-Refresh", "true"));
		}
		else {
			result.andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		}
		verifyNoInteractions(this.orders);
	}

	// --- Requests ---

	private MockHttpServletRequestBuilder dialog(Client client, Action action, Order order, PortalUserDetails user) {
		return client.apply(get("/orders/{id}/" + action.dialogPath, order.getPublicId())).with(user(user));
	}

	private MockHttpServletRequestBuilder action(Client client, Action action, UUID orderId,
			Map<String, List<String>> fields, PortalUserDetails user) {
		return client.withCsrf(post("/orders/{id}/" + action.postPath, orderId))
			.params(form(fields))
			.param("idempotencyKey", KEY_VALUE)
			.with(user(user));
	}

	private static MultiValueMap<String, String> form(Map<String, List<String>> fields) {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		fields.forEach(form::put);
		return form;
	}

	/** Form fields from name, value pairs; a name may repeat. */
	private static Map<String, List<String>> fields(String... namesAndValues) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.computeIfAbsent(namesAndValues[i], (name) -> new ArrayList<>()).add(namesAndValues[i + 1]);
		}
		return fields;
	}

	/** Every case, once as htmx and once as a plain request. */
	private static Stream<Arguments> combine(Object... cases) {
		return Stream.of(cases).flatMap((each) -> Stream.of(Client.values()).map((client) -> {
			Object[] values = (each instanceof Object[] array) ? array : new Object[] { each };
			Object[] arguments = new Object[values.length + 1];
			arguments[0] = client;
			System.arraycopy(values, 0, arguments, 1, values.length);
			return Arguments.of(arguments);
		}));
	}

	// --- The service, doing what the real one does to the order ---

	/**
	 * Lets the mocked service read the order and carry each action out on it through the
	 * domain, as the real service does (without its locking and idempotency records).
	 */
	private Order serviceActsOn(Order order) {
		UUID id = order.getPublicId();
		given(this.orders.get(manager(), eq(id))).willReturn(order);
		// The details as the real service reads them: the newest event, and a link to
		// the older ones.
		given(this.orders.details(manager(), eq(id)))
			.willAnswer((call) -> new OrderDetails(order, new TimelinePage(order.getTimeline().subList(0, 1),
					new TimelinePage.Cursor(Instant.parse("2026-11-01T10:00:00Z"), 1))));
		given(this.orders.cancel(manager(), eq(id), anyString())).willAnswer((call) -> {
			Money remaining = order.getRemaining();
			order.cancel(actor(call.getArgument(2)));
			return outcome(OrderAction.CANCEL, order, remaining);
		});
		given(this.orders.capture(manager(), eq(id), anyString(), any(OrderService.Amount.class), any()))
			.willAnswer((call) -> {
				Money amount = call.<OrderService.Amount>getArgument(3).in(order.getCurrency());
				order.capture(amount, actor(call.getArgument(2)));
				return outcome(OrderAction.CAPTURE, order, amount);
			});
		given(this.orders.captureLines(manager(), eq(id), anyString(), any())).willAnswer((call) -> {
			Money before = order.getCaptured();
			order.captureLines(call.getArgument(3), actor(call.getArgument(2)));
			return outcome(OrderAction.CAPTURE, order, order.getCaptured().minus(before));
		});
		given(this.orders.refund(manager(), eq(id), anyString(), any(OrderService.Amount.class), any(), any()))
			.willAnswer((call) -> {
				Money amount = call.<OrderService.Amount>getArgument(3).in(order.getCurrency());
				order.refund(amount, call.getArgument(4), call.getArgument(5), actor(call.getArgument(2)));
				return outcome(OrderAction.REFUND, order, amount);
			});
		given(this.orders.refundLines(manager(), eq(id), anyString(), any(), any(), any())).willAnswer((call) -> {
			Money before = order.getRefunded();
			order.refundLines(call.getArgument(3), call.getArgument(4), call.getArgument(5),
					actor(call.getArgument(2)));
			return outcome(OrderAction.REFUND, order, order.getRefunded().minus(before));
		});
		given(this.orders.releaseRemainingAuthorization(manager(), eq(id), anyString())).willAnswer((call) -> {
			Money remaining = order.getRemaining();
			order.releaseRemainingAuthorization(actor(call.getArgument(2)));
			return outcome(OrderAction.RELEASE_AUTHORIZATION, order, remaining);
		});
		given(this.orders.extendAuthorization(manager(), eq(id), anyString())).willAnswer((call) -> {
			boolean changed = order.extendAuthorization(actor(call.getArgument(2)));
			return new ActionOutcome(OrderAction.EXTEND_AUTHORIZATION, id, null, order.getAuthorizationExpiresOn(),
					changed);
		});
		return order;
	}

	/** An order id the service knows nothing of, for reading and for every action. */
	private UUID unknownOrder() {
		UUID id = UUID.randomUUID();
		OrderNotFoundException notFound = new OrderNotFoundException(id);
		given(this.orders.get(manager(), eq(id))).willThrow(notFound);
		given(this.orders.cancel(manager(), eq(id), any())).willThrow(notFound);
		given(this.orders.capture(manager(), eq(id), any(), any(OrderService.Amount.class), any())).willThrow(notFound);
		given(this.orders.captureLines(manager(), eq(id), any(), any())).willThrow(notFound);
		given(this.orders.refund(manager(), eq(id), any(), any(OrderService.Amount.class), any(), any()))
			.willThrow(notFound);
		given(this.orders.refundLines(manager(), eq(id), any(), any(), any(), any())).willThrow(notFound);
		given(this.orders.releaseRemainingAuthorization(manager(), eq(id), any())).willThrow(notFound);
		given(this.orders.extendAuthorization(manager(), eq(id), any())).willThrow(notFound);
		return id;
	}

	/** The outcome as the service returns it, with the order as the action left it. */
	private static ActionOutcome outcome(OrderAction action, Order order, Money amount) {
		return new ActionOutcome(action, order.getPublicId(), amount, order.getAuthorizationExpiresOn(), true, null,
				OrderSummary.of(order));
	}

	/**
	 * An amount that reads as the money in its currency (the order's), and as the same
	 * figure in another currency: the controller passes what was typed, for the service
	 * to read in the order's currency, not money it made itself.
	 */
	private static OrderService.Amount amountOf(Money money) {
		Currency other = Currency.getInstance("EUR");
		return argThat((amount) -> amount != null && money.equals(amount.in(money.currency()))
				&& amount.in(other).equals(Money.of(money.minorUnits(), other.getCurrencyCode())));
	}

	private static Actor actor(String key) {
		return new Actor(MANAGER.getUsername(), MANAGER.role(), NOW, key);
	}

	/** The logged-in manager, as the controller hands them to the service. */
	private static Staff manager() {
		return staffOf(MANAGER);
	}

	private static Staff staffOf(PortalUserDetails user) {
		return argThat((staff) -> staff != null && staff.merchantId() == user.merchantId()
				&& user.getUsername().equals(staff.username()) && staff.role() == user.role());
	}

	private void assertNotCarriedOut() {
		then(this.orders).should(never()).cancel(any(), any(), any());
		then(this.orders).should(never()).capture(any(), any(), any(), any(OrderService.Amount.class), any());
		then(this.orders).should(never()).captureLines(any(), any(), any(), any());
		then(this.orders).should(never()).refund(any(), any(), any(), any(OrderService.Amount.class), any(), any());
		then(this.orders).should(never()).refundLines(any(), any(), any(), any(), any(), any());
		then(this.orders).should(never()).releaseRemainingAuthorization(any(), any(), any());
		then(this.orders).should(never()).extendAuthorization(any(), any(), any());
	}

	// --- Orders ---

	/**
	 * A Shirt 2 × 300.00 and Shoes 1 × 400.00 SEK order (1,000.00), placed yesterday and
	 * brought into the status through the domain: part captured is one Shirt (300.00).
	 */
	private static Order orderIn(OrderStatus status) {
		Order order = new Order(MERCHANT, REFERENCE, "Sara Svensson", "sara@example.com", SEK,
				List.of(new OrderLine.NewLine("SKU-1", "Shirt", 2, 30000, 2500),
						new OrderLine.NewLine("SKU-2", "Shoes", 1, 40000, 2500)),
				CREATED);
		return OrderFixtures.bringTo(order, status, setup());
	}

	private static Actor setup() {
		return new Actor("setup", Role.ADMIN, NOW.minusSeconds(3600), "setup-key-" + UUID.randomUUID());
	}

	/** Everything about an order that an action could change. */
	record Snapshot(OrderStatus status, Money captured, Money refunded, Money released, LocalDate expiresOn,
			List<String> lines, int events) {

		static Snapshot of(Order order) {
			return new Snapshot(order.getStatus(), order.getCaptured(), order.getRefunded(), order.getReleased(),
					order.getAuthorizationExpiresOn(),
					order.getLines()
						.stream()
						.map((line) -> line.getReference() + ":" + line.getCapturedQuantity() + "/"
								+ line.getRefundedQuantity())
						.toList(),
					order.getTimeline().size());
		}

	}

	// --- Reading the page ---

	/** An amount as the page shows it to an English reader. */
	private static String sek(long minorUnits) {
		return Money.of(minorUnits, SEK).format(Locale.ENGLISH);
	}

	/** Text as Thymeleaf escapes it. */
	private static String html(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	private static String idempotencyKey(String body) {
		Matcher matcher = KEY_FIELD.matcher(body);
		assertThat(matcher.find()).as("an idempotency key field in%n%s", body).isTrue();
		String key = matcher.group(1);
		assertThat(matcher.find()).as("only one idempotency key field").isFalse();
		return key;
	}

	private static String inputValue(String body, String id) {
		Matcher matcher = Pattern.compile("<input id=\"" + id + "\"[^>]*?value=\"([^\"]*)\"").matcher(body);
		assertThat(matcher.find()).as("an input %s in%n%s", id, body).isTrue();
		return matcher.group(1);
	}

	private static void assertFieldError(String body, String id, String message) {
		if (id != null) {
			assertThat(body).contains("<p id=\"" + id + "\" class=\"field-error\">" + html(message) + "</p>");
		}
		else {
			assertThat(body).contains("<p class=\"field-error\">" + html(message) + "</p>");
		}
	}

	/** The dialog says why, and offers nothing to submit: only Close. */
	private static void assertNoForm(String body, String message) {
		assertThat(body).contains("role=\"alert\"")
			.contains("<span class=\"refusal-message\">" + html(message) + "</span>")
			.doesNotContain("name=\"idempotencyKey\"")
			.doesNotContain("<button type=\"submit\" class=\"button")
			.contains("class=\"button dialog-close\"");
	}

}
