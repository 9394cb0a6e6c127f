package org.merchantportal.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Roles are enforced on the server, whatever the browser shows or sends: a VIEWER is
 * offered no action and any POST action of theirs is refused with 403 and changes
 * nothing; an ORDER_MANAGER acts on orders; only an ADMIN reaches the Users page, its
 * POSTs and the Prometheus metrics; the health check is open to load balancers.
 */
@AttackTest
class RoleAttackTests {

	private static final Pattern MENU = Pattern.compile("<details class=\"actions-menu\".*?</details>", Pattern.DOTALL);

	private static final Duration AGE = Duration.ofDays(10);

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	// --- VIEWER ---------------------------------------------------------------------

	@Test
	void viewerSeesNoActionsAvailableInEveryMenuOfTheOrdersPageWhateverTheOrdersState() throws Exception {
		long nordic = this.fixtures.nordic();
		for (OrderStatus state : OrderStatus.values()) {
			this.fixtures.order(nordic, state, AGE);
		}
		int menus = 0;
		for (String status : statusFilters()) {
			String body = page(get("/orders").param("status", status), AttackFixtures.NORDIC_VIEWER);
			menus += assertEveryMenuIsEmpty(body, "the Orders page with status '" + status + "'");
			// The same page offers a manager the actions, so the check above is not
			// vacuous.
			if (status.equals(OrderStatus.AUTHORIZED.name())) {
				assertThat(page(get("/orders").param("status", status), AttackFixtures.NORDIC_MANAGER))
					.contains("menu-item menu-CANCEL");
			}
		}
		assertThat(menus).as("menus looked at").isGreaterThan(100);
	}

	@Test
	void viewerSeesNoActionsAvailableOnTheDetailsPageOfAnOrderInAnyState() throws Exception {
		long nordic = this.fixtures.nordic();
		for (OrderStatus state : OrderStatus.values()) {
			Order order = this.fixtures.order(nordic, state, AGE);
			String body = page(get("/orders/" + order.getPublicId()), AttackFixtures.NORDIC_VIEWER);
			assertThat(assertEveryMenuIsEmpty(body, "the details of a " + state + " order")).isEqualTo(1);
		}
	}

	@Test
	void viewerIsRefusedEveryPostActionWith403AndNothingChanges() throws Exception {
		long nordic = this.fixtures.nordic();
		List<String> actions = postRoutesUnder("/orders/");
		assertThat(actions).hasSizeGreaterThanOrEqualTo(5);
		// Orders in every open state: each action is allowed on one of them, for a role
		// that may act.
		List<Order> orders = List.of(this.fixtures.order(nordic, OrderStatus.AUTHORIZED, AGE),
				this.fixtures.order(nordic, OrderStatus.PART_CAPTURED, AGE),
				this.fixtures.order(nordic, OrderStatus.CAPTURED, AGE));
		for (String pattern : actions) {
			for (Order order : orders) {
				for (boolean htmx : new boolean[] { false, true }) {
					Map<String, Object> before = this.fixtures.snapshot(order.getPublicId());
					MockHttpServletRequestBuilder request = action(pattern, order);
					if (htmx) {
						request.header("HX-Request", "true");
					}
					this.mvc.perform(request.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)))
						.andExpect(status().isForbidden());
					assertThat(this.fixtures.snapshot(order.getPublicId()))
						.as("%s by a viewer on a %s order", pattern, order.getStatus())
						.isEqualTo(before);
				}
			}
		}
	}

	// --- ORDER_MANAGER --------------------------------------------------------------

	@Test
	void orderManagerCancelsCapturesRefundsReleasesAndExtends() throws Exception {
		long nordic = this.fixtures.nordic();
		Order authorized = this.fixtures.order(nordic, OrderStatus.AUTHORIZED, AGE);
		act("/orders/" + authorized.getPublicId() + "/cancel");
		assertThat(this.fixtures.statusOf(authorized.getPublicId())).isEqualTo("CANCELLED");

		Order toCapture = this.fixtures.order(nordic, OrderStatus.AUTHORIZED, AGE);
		act("/orders/" + toCapture.getPublicId() + "/captures", "mode", "amount", "amount", "100.00");
		assertThat(this.fixtures.snapshot(toCapture.getPublicId())).containsEntry("STATUS", "PART_CAPTURED")
			.containsEntry("CAPTURED_AMOUNT", 10_000L);

		Order captured = this.fixtures.order(nordic, OrderStatus.CAPTURED, AGE);
		act("/orders/" + captured.getPublicId() + "/refunds", "mode", "amount", "amount", "50", "reason", "RETURNED");
		assertThat(this.fixtures.snapshot(captured.getPublicId())).containsEntry("REFUNDED_AMOUNT", 5_000L);

		Order partCaptured = this.fixtures.order(nordic, OrderStatus.PART_CAPTURED, AGE);
		act("/orders/" + partCaptured.getPublicId() + "/release-authorization");
		assertThat(this.fixtures.statusOf(partCaptured.getPublicId())).isEqualTo("CLOSED");

		Order toExtend = this.fixtures.order(nordic, OrderStatus.AUTHORIZED, AGE);
		Object expiry = this.fixtures.snapshot(toExtend.getPublicId()).get("AUTHORIZATION_EXPIRES_ON");
		act("/orders/" + toExtend.getPublicId() + "/extend-authorization");
		assertThat(this.fixtures.snapshot(toExtend.getPublicId()).get("AUTHORIZATION_EXPIRES_ON")).isNotEqualTo(expiry);
	}

	private void act(String url, String... params) throws Exception {
		MockHttpServletRequestBuilder request = post(url).param("idempotencyKey", AttackFixtures.key()).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		String orderUrl = url.substring(0, url.indexOf('/', "/orders/".length()));
		this.mvc.perform(request.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl(orderUrl));
	}

	// --- Users page -------------------------------------------------------------------

	@Test
	void onlyAnAdminReachesTheUsersPage() throws Exception {
		for (String username : List.of(AttackFixtures.NORDIC_MANAGER, AttackFixtures.NORDIC_VIEWER)) {
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = get("/users");
				if (htmx) {
					request.header("HX-Request", "true");
				}
				MvcResult result = this.mvc.perform(request.with(this.fixtures.as(username)))
					.andExpect(status().isForbidden())
					.andReturn();
				assertThat(result.getResponse().getContentAsString()).doesNotContain("user-row")
					.doesNotContain(AttackFixtures.NORDIC_ADMIN);
			}
		}
		assertThat(page(get("/users"), AttackFixtures.NORDIC_ADMIN)).contains("user-row")
			.contains(AttackFixtures.NORDIC_VIEWER);
	}

	@Test
	void orderManagerAndViewerAreRefusedEveryUsersPostWith403AndNothingChanges() throws Exception {
		long nordic = this.fixtures.nordic();
		List<String> routes = postRoutesUnder("/users");
		assertThat(routes).contains("/users", "/users/{userId}/role", "/users/{userId}/disable",
				"/users/{userId}/enable", "/users/{userId}/unlock");
		PortalUser target = this.fixtures.newUser(nordic, Role.VIEWER);
		this.fixtures.lock(target);
		PortalUser disabled = this.fixtures.newUser(nordic, Role.VIEWER);
		this.fixtures.disable(disabled);
		for (String username : List.of(AttackFixtures.NORDIC_MANAGER, AttackFixtures.NORDIC_VIEWER)) {
			PortalUser self = this.fixtures.user(username);
			for (String pattern : routes) {
				for (PortalUser user : List.of((pattern.contains("enable") ? disabled : target), self)) {
					Map<String, Object> before = this.fixtures.userSnapshot(user.getId());
					Map<String, Object> selfBefore = this.fixtures.userSnapshot(self.getId());
					long users = this.fixtures.userCount();
					String url = pattern.replace("{userId}", user.getId().toString());
					this.mvc
						.perform(post(url).param("role", "ADMIN")
							.param("username", "intruder-" + user.getId() + "@nordic-shoes.example")
							.param("password", "a-long-enough-password")
							.with(csrf())
							.with(this.fixtures.as(username)))
						.andExpect(status().isForbidden());
					assertThat(this.fixtures.userSnapshot(user.getId())).as("%s by %s", url, username)
						.isEqualTo(before);
					assertThat(this.fixtures.userSnapshot(self.getId())).as("%s by %s", url, username)
						.isEqualTo(selfBefore);
					assertThat(this.fixtures.userCount()).as("%s by %s", url, username).isEqualTo(users);
				}
			}
		}
	}

	// --- Operations endpoints ----------------------------------------------------------

	@Test
	void prometheusMetricsAreForTheOperatorOnlyAndTheHealthCheckIsOpen() throws Exception {
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus").header("HX-Request", "true")).andExpect(status().isUnauthorized());
		// Every merchant's user, even an ADMIN: the metrics span all merchants.
		for (String username : List.of(AttackFixtures.NORDIC_MANAGER, AttackFixtures.NORDIC_VIEWER,
				AttackFixtures.NORDIC_ADMIN)) {
			MvcResult refused = this.mvc.perform(get("/actuator/prometheus").with(this.fixtures.as(username)))
				.andExpect(status().is4xxClientError())
				.andReturn();
			assertThat(refused.getResponse().getContentAsString()).doesNotContain("portal_order_actions")
				.doesNotContain("jvm_");
			this.mvc.perform(get("/actuator/prometheus").with(httpBasic(username, AttackFixtures.PASSWORD)))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/actuator/prometheus").with(httpBasic("operator", "wrong-password-2026")))
			.andExpect(status().isUnauthorized());
		MvcResult metrics = this.mvc
			.perform(get("/actuator/prometheus").with(httpBasic("operator", "operator-test-password-2026")))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(metrics.getResponse().getContentAsString()).contains("jvm_");

		for (String url : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			MvcResult health = this.mvc.perform(get(url)).andExpect(status().isOk()).andReturn();
			assertThat(health.getResponse().getContentAsString()).as(url)
				.contains("\"status\":\"UP\"")
				.doesNotContain("components")
				.doesNotContain("jdbc");
		}
	}

	// --- Helpers ------------------------------------------------------------------

	private String page(MockHttpServletRequestBuilder request, String username) throws Exception {
		return this.mvc.perform(request.with(this.fixtures.as(username)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * @return how many menus the page has; each must offer no action.
	 */
	private static int assertEveryMenuIsEmpty(String body, String where) {
		Matcher matcher = MENU.matcher(body);
		int menus = 0;
		while (matcher.find()) {
			String menu = matcher.group();
			assertThat(menu).as("a menu of %s", where)
				.contains("No actions available")
				.doesNotContain("menu-item menu-")
				.doesNotContain("hx-get")
				.doesNotContain("href=");
			menus++;
		}
		assertThat(body).as(where).doesNotContain("menu-item menu-").doesNotContain("hx-post");
		assertThat(menus).as("menus on %s", where)
			.isEqualTo(countOf(body, "class=\"order-row\"") + countOf(body, "id=\"order-details\""));
		return menus;
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

	private static List<String> statusFilters() {
		List<String> statuses = new java.util.ArrayList<>();
		statuses.add("");
		for (OrderStatus status : OrderStatus.values()) {
			statuses.add(status.name());
		}
		return statuses;
	}

	/**
	 * The POST routes under a prefix, from the request mappings: an action added later is
	 * covered.
	 */
	private List<String> postRoutesUnder(String prefix) {
		Set<String> routes = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
				info.getPatternValues().stream().filter((pattern) -> pattern.startsWith(prefix)).forEach(routes::add);
			}
		});
		return List.copyOf(routes);
	}

	/** A POST of an order action, with every field any action form posts. */
	private static MockHttpServletRequestBuilder action(String pattern, Order order) {
		return post(pattern.replace("{orderId}", order.getPublicId().toString()))
			.param("idempotencyKey", AttackFixtures.key())
			.param("mode", "amount")
			.param("amount", "1")
			.param("reason", "RETURNED")
			.with(csrf());
	}

}
