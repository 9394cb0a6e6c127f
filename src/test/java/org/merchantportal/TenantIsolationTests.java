package org.merchantportal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tenant isolation, proven on every route the portal has: the walker reads the routes
 * from the request mappings, calls each one that takes an order id with another
 * merchant's order and with a random id (pages, htmx fragments, dialogs, every POST
 * action with a valid CSRF token and idempotency key), and expects the very same 404 for
 * both, with the other merchant's order unchanged; likewise for user ids. Before each
 * attack it calls the same route with one of the merchant's own orders, so that a 404
 * cannot come from a request the walker got wrong. A route the walker does not know how
 * to call fails the build, so that a route added later is noticed. Searches, status
 * filters and every page of the list show the merchant's own orders only.
 */
@AttackTest
class TenantIsolationTests {

	/** What a route is about, and so how the walker calls it. */
	enum Kind {

		/** Takes {orderId}: attacked with another merchant's order and a random id. */
		ORDER,

		/** Takes {userId}: attacked with another merchant's user and an unknown id. */
		USER,

		/**
		 * Takes {credentialId}: attacked with another merchant's API credential and an
		 * unknown id.
		 */
		CREDENTIAL,

		/**
		 * The merchant API, takes {orderId}: called with the merchant's API credential,
		 * attacked with another merchant's order and a random id.
		 */
		API_ORDER,

		/** The merchant API without an id: lists nothing of another merchant. */
		API_NO_ID,

		/** Takes no id: must show nothing of another merchant. */
		NO_ID,

		/**
		 * Spring Boot's error page: renders what another request failed with, holds no
		 * data.
		 */
		ERROR_PAGE

	}

	/**
	 * How to call a route: its kind, its form fields, and for order routes the state an
	 * order of one's own must be in for the action to go through.
	 */
	record Recipe(Kind kind, Map<String, String> params, OrderStatus ownState) {

		static Recipe order(OrderStatus ownState, String... params) {
			return new Recipe(Kind.ORDER, fields(params), ownState);
		}

		static Recipe user(String... params) {
			return new Recipe(Kind.USER, fields(params), null);
		}

		static Recipe credential() {
			return new Recipe(Kind.CREDENTIAL, Map.of(), null);
		}

		static Recipe apiOrder(OrderStatus ownState, String... params) {
			return new Recipe(Kind.API_ORDER, fields(params), ownState);
		}

		static Recipe noId(String... params) {
			return new Recipe(Kind.NO_ID, fields(params), null);
		}

		private static Map<String, String> fields(String... params) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (int i = 0; i < params.length; i += 2) {
				fields.put(params[i], params[i + 1]);
			}
			return fields;
		}

	}

	/**
	 * Every route of the portal, and how to call it. A route missing here fails
	 * {@link #theWalkerKnowsHowToCallEveryRouteOfThePortal()}: add it, with the fields
	 * its form posts, and it is attacked like the others.
	 */
	static final Map<String, Recipe> RECIPES = Map.ofEntries(Map.entry("GET /", Recipe.noId()),
			Map.entry("GET /login", Recipe.noId()), Map.entry("GET /orders", Recipe.noId()),
			Map.entry("GET /orders/export.csv", Recipe.noId()), Map.entry("GET /users", Recipe.noId()),
			Map.entry("POST /users",
					Recipe.noId("username", "placeholder", "password", "a-long-enough-password", "role", "VIEWER")),
			Map.entry("* /error", new Recipe(Kind.ERROR_PAGE, Map.of(), null)),
			Map.entry("GET /orders/{orderId}", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("GET /orders/{orderId}/cancel", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("GET /orders/{orderId}/captures/new", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("GET /orders/{orderId}/refunds/new", Recipe.order(OrderStatus.CAPTURED)),
			Map.entry("GET /orders/{orderId}/release-authorization", Recipe.order(OrderStatus.PART_CAPTURED)),
			Map.entry("GET /orders/{orderId}/extend-authorization", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("GET /orders/{orderId}/timeline", Recipe.order(OrderStatus.CAPTURED)),
			Map.entry("POST /orders/{orderId}/cancel", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("POST /orders/{orderId}/captures",
					Recipe.order(OrderStatus.AUTHORIZED, "mode", "amount", "amount", "1")),
			Map.entry("POST /orders/{orderId}/refunds",
					Recipe.order(OrderStatus.CAPTURED, "mode", "amount", "amount", "1", "reason", "RETURNED")),
			Map.entry("POST /orders/{orderId}/release-authorization", Recipe.order(OrderStatus.PART_CAPTURED)),
			Map.entry("POST /orders/{orderId}/extend-authorization", Recipe.order(OrderStatus.AUTHORIZED)),
			Map.entry("POST /users/{userId}/role", Recipe.user("role", "VIEWER")),
			Map.entry("POST /users/{userId}/disable", Recipe.user()),
			Map.entry("POST /users/{userId}/enable", Recipe.user()),
			Map.entry("POST /users/{userId}/unlock", Recipe.user()), Map.entry("GET /api-credentials", Recipe.noId()),
			Map.entry("POST /api-credentials", Recipe.noId("name", "placeholder")),
			Map.entry("POST /account/language", Recipe.noId("language", "sv")),
			Map.entry("GET /account", Recipe.noId()),
			Map.entry("POST /account/time-zone", Recipe.noId("timeZone", "Asia/Tokyo")),
			Map.entry("POST /api-credentials/{credentialId}/revoke", Recipe.credential()),
			Map.entry("GET /ordermanagement/v1/orders", new Recipe(Kind.API_NO_ID, Map.of(), null)),
			// Any other path of the API: 404 NOT_FOUND, whatever the merchant.
			Map.entry("* /ordermanagement/**", new Recipe(Kind.API_NO_ID, Map.of(), null)),
			// The OpenAPI document (springdoc), the same for every merchant.
			Map.entry("GET /ordermanagement/v1/openapi.json", new Recipe(Kind.API_NO_ID, Map.of(), null)),
			Map.entry("GET /ordermanagement/v1/openapi.json.yaml", new Recipe(Kind.API_NO_ID, Map.of(), null)),
			// Placing an order: for the credential's merchant only, whatever the body
			// says.
			Map.entry("POST /ordermanagement/v1/orders", new Recipe(Kind.API_NO_ID, Map.of(), null)),
			Map.entry("GET /ordermanagement/v1/orders/{orderId}", Recipe.apiOrder(OrderStatus.PART_CAPTURED)),
			Map.entry("GET /ordermanagement/v1/orders/{orderId}/captures", Recipe.apiOrder(OrderStatus.PART_CAPTURED)),
			Map.entry("GET /ordermanagement/v1/orders/{orderId}/captures/{captureId}",
					Recipe.apiOrder(OrderStatus.PART_CAPTURED)),
			Map.entry("GET /ordermanagement/v1/orders/{orderId}/refunds/{refundId}",
					Recipe.apiOrder(OrderStatus.CAPTURED)),
			Map.entry("POST /ordermanagement/v1/orders/{orderId}/captures",
					Recipe.apiOrder(OrderStatus.AUTHORIZED, "body", "{\"captured_amount\": 1}")),
			Map.entry("POST /ordermanagement/v1/orders/{orderId}/refunds",
					Recipe.apiOrder(OrderStatus.CAPTURED, "body", "{\"refunded_amount\": 1}")),
			Map.entry("POST /ordermanagement/v1/orders/{orderId}/cancel", Recipe.apiOrder(OrderStatus.AUTHORIZED)),
			Map.entry("PATCH /ordermanagement/v1/orders/{orderId}/merchant-references",
					Recipe.apiOrder(OrderStatus.CAPTURED, "body", "{\"merchant_reference1\": \"NS-PATCHED\"}")),
			Map.entry("POST /ordermanagement/v1/orders/{orderId}/release-remaining-authorization",
					Recipe.apiOrder(OrderStatus.PART_CAPTURED)),
			Map.entry("POST /ordermanagement/v1/orders/{orderId}/extend-authorization-time",
					Recipe.apiOrder(OrderStatus.AUTHORIZED)));

	/** How the request is made: by a browser without JavaScript, or by htmx. */
	enum Client {

		PLAIN, HTMX

	}

	/** Orders are old enough that an extend would move their expiry. */
	private static final Duration AGE = Duration.ofDays(10);

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	JdbcTemplate jdbc;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	// --- The routes ----------------------------------------------------------------

	/** "GET /orders/{orderId}", …: every method and pattern of every handler method. */
	private Set<String> routes() {
		Set<String> routes = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					routes.add("* " + pattern);
				}
				for (RequestMethod method : methods) {
					routes.add(method.name() + " " + pattern);
				}
			}
		});
		return routes;
	}

	private List<String> routesOf(Kind kind) {
		List<String> routes = new ArrayList<>();
		for (String route : routes()) {
			Recipe recipe = RECIPES.get(route);
			assertThat(recipe).as("the walker does not know how to call %s", route).isNotNull();
			if (recipe.kind() == kind) {
				routes.add(route);
			}
		}
		return routes;
	}

	@Test
	void theWalkerKnowsHowToCallEveryRouteOfThePortal() {
		Set<String> routes = routes();
		assertThat(routes).as("routes found in the request mappings").hasSizeGreaterThanOrEqualTo(RECIPES.size());
		Set<String> unknown = new TreeSet<>(routes);
		unknown.removeAll(RECIPES.keySet());
		assertThat(unknown).as("routes the walker does not know how to call: add them to RECIPES").isEmpty();
		Set<String> stale = new TreeSet<>(RECIPES.keySet());
		stale.removeAll(routes);
		assertThat(stale).as("recipes for routes that no longer exist").isEmpty();
		for (String route : routes) {
			Set<String> variables = new TreeSet<>();
			Matcher matcher = VARIABLE.matcher(route);
			while (matcher.find()) {
				variables.add(matcher.group(1));
			}
			Set<String> expected = switch (RECIPES.get(route).kind()) {
				case ORDER -> Set.of("orderId");
				// with, on some routes, the id of one of the order's captures or refunds
				case API_ORDER -> variables.contains("captureId") ? Set.of("orderId", "captureId")
						: variables.contains("refundId") ? Set.of("orderId", "refundId") : Set.of("orderId");
				case CREDENTIAL -> Set.of("credentialId");
				case USER -> Set.of("userId");
				case NO_ID, ERROR_PAGE, API_NO_ID -> Set.of();
			};
			assertThat(variables).as("the path variables of %s", route).isEqualTo(expected);
		}
		// Routes written as functional endpoints would escape the request mappings.
		assertThat(this.context.getBeansOfType(RouterFunction.class)).as("functional routes the walker cannot see")
			.isEmpty();
	}

	// --- Orders --------------------------------------------------------------------

	@Test
	void anotherMerchantsOrderIsExactlyAsMissingAsAnUnknownOneOnEveryOrderRoute() throws Exception {
		long nordic = this.fixtures.nordic();
		long fjord = this.fixtures.fjord();
		// The other merchant's orders in each open state, so that every action would
		// change one of them.
		List<Order> foreign = List.of(this.fixtures.order(fjord, OrderStatus.AUTHORIZED, AGE),
				this.fixtures.order(fjord, OrderStatus.PART_CAPTURED, AGE));
		List<String> routes = routesOf(Kind.ORDER);
		assertThat(routes).as("order routes").hasSizeGreaterThanOrEqualTo(11);
		int attacks = 0;
		for (String route : routes) {
			Recipe recipe = RECIPES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			for (Client client : Client.values()) {
				String what = route + " as " + client;
				// The walker's request works on an order of one's own …
				Order own = this.fixtures.order(nordic, recipe.ownState(), AGE);
				Map<String, Object> ownBefore = this.fixtures.snapshot(own.getPublicId());
				MvcResult ownResult = call(method, pattern, "orderId", own.getPublicId(), recipe, client,
						this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				int expectedOwn = ("POST".equals(method) && client == Client.PLAIN) ? 302 : 200;
				assertThat(ownResult.getResponse().getStatus()).as("%s on an own order", what).isEqualTo(expectedOwn);
				if ("POST".equals(method)) {
					assertThat(this.fixtures.snapshot(own.getPublicId())).as("%s changes an own order", what)
						.isNotEqualTo(ownBefore);
				}
				// … and finds another merchant's order exactly as absent as one that does
				// not exist.
				for (Order order : foreign) {
					UUID foreignId = order.getPublicId();
					UUID randomId = UUID.randomUUID();
					Map<String, Object> before = this.fixtures.snapshot(foreignId);
					MvcResult foreignResult = call(method, pattern, "orderId", foreignId, recipe, client,
							this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
					MvcResult randomResult = call(method, pattern, "orderId", randomId, recipe, client,
							this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
					String foreignBody = foreignResult.getResponse().getContentAsString();
					String randomBody = randomResult.getResponse().getContentAsString();
					String on = what + " on " + order.getMerchantReference() + " (" + order.getStatus() + ")";
					assertThat(foreignResult.getResponse().getStatus()).as("%s: another merchant's order", on)
						.isEqualTo(404);
					assertThat(randomResult.getResponse().getStatus()).as("%s: an unknown order", on).isEqualTo(404);
					assertThat(AttackFixtures.normalize(foreignBody, foreignId))
						.as("%s: the answer for another merchant's order and for an unknown one", on)
						.isEqualTo(AttackFixtures.normalize(randomBody, randomId));
					assertThat(foreignBody).as(on)
						.doesNotContain(order.getMerchantReference())
						.doesNotContain(order.getCustomerName())
						.doesNotContain(order.getCustomerEmail());
					assertThat(foreignResult.getResponse().getHeader("Location")).as(on).isNull();
					assertThat(this.fixtures.snapshot(foreignId)).as("%s: the other merchant's order", on)
						.isEqualTo(before);
					attacks++;
				}
			}
		}
		assertThat(attacks).isEqualTo(routes.size() * Client.values().length * foreign.size());
	}

	// --- Users ----------------------------------------------------------------------

	@Test
	void anotherMerchantsUserIsExactlyAsMissingAsAnUnknownOneOnEveryUserRoute() throws Exception {
		long nordic = this.fixtures.nordic();
		long fjord = this.fixtures.fjord();
		// An active and a disabled one, both locked: every user action would change one
		// of them.
		List<PortalUser> foreign = List.of(lockedUser(fjord, false), lockedUser(fjord, true),
				this.fixtures.user(AttackFixtures.FJORD_ADMIN));
		List<String> routes = routesOf(Kind.USER);
		assertThat(routes).as("user routes").hasSizeGreaterThanOrEqualTo(4);
		for (String route : routes) {
			Recipe recipe = RECIPES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			// The walker's request changes a user of one's own …
			List<PortalUser> own = List.of(lockedUser(nordic, false), lockedUser(nordic, true));
			List<Map<String, Object>> ownBefore = own.stream()
				.map((u) -> this.fixtures.userSnapshot(u.getId()))
				.toList();
			for (PortalUser user : own) {
				MvcResult result = call(method, pattern, "userId", user.getId(), recipe, Client.PLAIN,
						this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				assertThat(result.getResponse().getStatus()).as("%s on an own user", route).isEqualTo(302);
			}
			assertThat(own.stream().map((u) -> this.fixtures.userSnapshot(u.getId())).toList())
				.as("%s changes a user of one's own", route)
				.isNotEqualTo(ownBefore);
			// … and finds another merchant's user exactly as absent as one that does not
			// exist.
			for (PortalUser user : foreign) {
				long unknownId = 900_000_000L + user.getId();
				Map<String, Object> before = this.fixtures.userSnapshot(user.getId());
				MvcResult foreignResult = call(method, pattern, "userId", user.getId(), recipe, Client.PLAIN,
						this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				MvcResult unknownResult = call(method, pattern, "userId", unknownId, recipe, Client.PLAIN,
						this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				String on = route + " on " + user.getUsername();
				assertThat(foreignResult.getResponse().getStatus()).as(on).isEqualTo(404);
				assertThat(unknownResult.getResponse().getStatus()).as(on).isEqualTo(404);
				String foreignBody = foreignResult.getResponse().getContentAsString();
				assertThat(AttackFixtures.normalize(foreignBody, user.getId()))
					.as("%s: the answer for another merchant's user and for an unknown one", on)
					.isEqualTo(AttackFixtures.normalize(unknownResult.getResponse().getContentAsString(), unknownId));
				assertThat(foreignBody).as(on).doesNotContain(user.getUsername());
				assertThat(this.fixtures.userSnapshot(user.getId())).as("%s: the other merchant's user", on)
					.isEqualTo(before);
			}
		}
	}

	// --- API credentials -------------------------------------------------------------

	@Test
	void anotherMerchantsApiCredentialIsExactlyAsMissingAsAnUnknownOne() throws Exception {
		List<String> routes = routesOf(Kind.CREDENTIAL);
		assertThat(routes).as("credential routes").isNotEmpty();
		for (String route : routes) {
			Recipe recipe = RECIPES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			// The walker's request works on a credential of one's own …
			UUID own = newCredential(this.fixtures.nordic());
			Map<String, Object> ownBefore = credentialSnapshot(own);
			MvcResult ownResult = call(method, pattern, "credentialId", own, recipe, Client.PLAIN,
					this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
			assertThat(ownResult.getResponse().getStatus()).as("%s on an own credential", route).isEqualTo(302);
			assertThat(credentialSnapshot(own)).as("%s changes an own credential", route).isNotEqualTo(ownBefore);
			// … and finds another merchant's exactly as absent as one that does not
			// exist.
			UUID foreign = newCredential(this.fixtures.fjord());
			UUID unknown = UUID.randomUUID();
			Map<String, Object> before = credentialSnapshot(foreign);
			MvcResult foreignResult = call(method, pattern, "credentialId", foreign, recipe, Client.PLAIN,
					this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
			MvcResult unknownResult = call(method, pattern, "credentialId", unknown, recipe, Client.PLAIN,
					this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
			assertThat(foreignResult.getResponse().getStatus()).as(route).isEqualTo(404);
			assertThat(unknownResult.getResponse().getStatus()).as(route).isEqualTo(404);
			assertThat(AttackFixtures.normalize(foreignResult.getResponse().getContentAsString(), foreign))
				.as("%s: the answer for another merchant's credential and for an unknown one", route)
				.isEqualTo(AttackFixtures.normalize(unknownResult.getResponse().getContentAsString(), unknown));
			assertThat(credentialSnapshot(foreign)).as("%s: the other merchant's credential", route).isEqualTo(before);
		}
	}

	private UUID newCredential(long merchantId) {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"insert into api_credential (public_id, merchant_id, name, username, secret_hash, created_at, "
						+ "created_by) values (?, ?, ?, ?, ?, current_timestamp, 'tenancy test')",
				id.toString(), merchantId, "Tenancy " + id, "mp_t" + id.toString().replace("-", "").substring(0, 15),
				"0".repeat(64));
		return id;
	}

	private Map<String, Object> credentialSnapshot(UUID id) {
		return this.jdbc.queryForMap("select merchant_id, name, username, secret_hash, revoked_at, revoked_by "
				+ "from api_credential where public_id = ?", id.toString());
	}

	// --- The merchant API --------------------------------------------------------------

	@Test
	void theMerchantApiFindsAnotherMerchantsOrderExactlyAsMissingAsAnUnknownOne() throws Exception {
		long nordic = this.fixtures.nordic();
		long fjord = this.fixtures.fjord();
		List<Order> foreign = List.of(this.fixtures.order(fjord, OrderStatus.AUTHORIZED, AGE),
				this.fixtures.order(fjord, OrderStatus.PART_CAPTURED, AGE));
		List<String> routes = routesOf(Kind.API_ORDER);
		assertThat(routes).as("merchant API order routes").isNotEmpty();
		RequestPostProcessor nordicApi = httpBasic("demo-nordic-shoes", "portal-demo-api-2026");
		RequestPostProcessor fjordApi = httpBasic("demo-fjord-outdoor", "portal-demo-api-2026");
		for (String route : routes) {
			Recipe recipe = RECIPES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			Order own = this.fixtures.order(nordic, recipe.ownState(), AGE);
			if (pattern.contains("{refundId}")) {
				// Each order with a refund of its own to ask for, the other merchant's
				// too.
				refundOverApi(own, nordicApi);
				foreign.forEach((order) -> refundOverApi(order, fjordApi));
			}
			MvcResult ownResult = callApi(method, pattern, own.getPublicId(), recipe, nordicApi);
			assertThat(ownResult.getResponse().getStatus()).as("%s on an own order", route).isBetween(200, 299);
			if (pattern.contains("{captureId}") || pattern.contains("{refundId}")) {
				// One's own order, with the other merchant's capture or refund id.
				String foreignEvent = eventIdOf(foreign.get(1).getPublicId(),
						pattern.contains("{captureId}") ? "CAPTURED" : "REFUNDED");
				String uri = pattern.replace("{orderId}", own.getPublicId().toString())
					.replace("{captureId}", foreignEvent)
					.replace("{refundId}", foreignEvent);
				assertThat(this.mvc.perform(get(uri).with(nordicApi)).andReturn().getResponse().getStatus())
					.as("%s with another merchant's id", route)
					.isEqualTo(404);
			}
			for (Order order : foreign) {
				UUID randomId = UUID.randomUUID();
				Map<String, Object> before = this.fixtures.snapshot(order.getPublicId());
				MvcResult foreignResult = callApi(method, pattern, order.getPublicId(), recipe, nordicApi);
				MvcResult randomResult = callApi(method, pattern, randomId, recipe, nordicApi);
				String on = route + " on " + order.getMerchantReference();
				assertThat(foreignResult.getResponse().getStatus()).as(on).isEqualTo(404);
				assertThat(randomResult.getResponse().getStatus()).as(on).isEqualTo(404);
				String foreignBody = withoutCorrelationId(foreignResult.getResponse().getContentAsString());
				assertThat(AttackFixtures.normalize(foreignBody, order.getPublicId()))
					.as("%s: the answer for another merchant's order and for an unknown one", on)
					.isEqualTo(AttackFixtures
						.normalize(withoutCorrelationId(randomResult.getResponse().getContentAsString()), randomId));
				assertThat(foreignBody).as(on)
					.doesNotContain(order.getMerchantReference())
					.doesNotContain(order.getCustomerEmail());
				assertThat(foreignResult.getResponse().getHeader("Location")).as(on).isNull();
				assertThat(this.fixtures.snapshot(order.getPublicId())).as("%s: the other merchant's order", on)
					.isEqualTo(before);
			}
		}
	}

	@Test
	void theMerchantApiListsNothingOfAnotherMerchant() throws Exception {
		Order foreign = this.fixtures.order(this.fixtures.fjord(), OrderStatus.AUTHORIZED);
		Set<String> nordicIds = new HashSet<>(this.fixtures.orderIdsOf(this.fixtures.nordic()));
		RequestPostProcessor nordicApi = httpBasic("demo-nordic-shoes", "portal-demo-api-2026");
		List<String> routes = routesOf(Kind.API_NO_ID);
		assertThat(routes).isNotEmpty();
		for (String route : routes) {
			if (!route.equals("GET /ordermanagement/v1/orders")) {
				// Placing an order: below; the OpenAPI document: in
				// OrderApiContractTests.
				continue;
			}
			String pattern = route.substring(route.indexOf(' ') + 1);
			for (String query : List.of("", "?merchant_reference=FO-", "?status=AUTHORIZED",
					"?merchant_reference=" + foreign.getMerchantReference())) {
				String url = pattern + query;
				int pages = 0;
				while (url != null) {
					MvcResult result = this.mvc.perform(get(url).with(nordicApi)).andReturn();
					String body = result.getResponse().getContentAsString();
					assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
					assertThat(body).as(url)
						.doesNotContain(foreign.getPublicId().toString())
						.doesNotContain(foreign.getMerchantReference())
						.doesNotContain("FO-1");
					Matcher ids = Pattern.compile("\"order_id\":\"([0-9a-f-]{36})\"").matcher(body);
					while (ids.find()) {
						assertThat(nordicIds).as(url).contains(ids.group(1));
					}
					Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(body);
					url = next.find() ? next.group(1) : null;
					assertThat(++pages).as("pages of %s", pattern + query).isLessThan(100);
				}
			}
		}
	}

	@Test
	void anOrderPlacedOverTheApiBelongsToTheCredentialsMerchant() throws Exception {
		String reference = "NS-TEN-" + UUID.randomUUID().toString().substring(0, 8);
		String body = """
				{"purchase_currency": "SEK", "order_amount": 1000, "merchant_reference1": "%s",
				 "merchant_id": %d, "merchantId": %d,
				 "order_lines": [{"reference": "A", "name": "A", "quantity": 1, "unit_price": 1000,
				   "tax_rate": 2500, "total_amount": 1000}],
				 "billing_address": {"given_name": "A", "family_name": "B", "email": "a@b.example"}}
				""".formatted(reference, this.fixtures.fjord(), this.fixtures.fjord());
		MvcResult result = this.mvc
			.perform(post("/ordermanagement/v1/orders").contentType("application/json")
				.content(body)
				.with(httpBasic("demo-nordic-shoes", "portal-demo-api-2026")))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(201);
		assertThat(this.jdbc.queryForObject("select merchant_id from purchase_order where merchant_reference = ?",
				Long.class, reference))
			.isEqualTo(this.fixtures.nordic());
	}

	private void refundOverApi(Order order, RequestPostProcessor credential) {
		try {
			this.mvc
				.perform(post("/ordermanagement/v1/orders/" + order.getPublicId() + "/refunds")
					.contentType("application/json")
					.content("{\"refunded_amount\": 1}")
					.with(credential))
				.andReturn();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * The merchant API's id of the order's first capture or refund (a random one where it
	 * has none): derived from the order and the event, as OrderEvent#getPublicId says.
	 */
	private String eventIdOf(UUID orderId, String type) {
		List<Long> ids = this.jdbc.queryForList(
				"select e.id from order_event e join purchase_order o on o.id = "
						+ "e.order_id where o.public_id = ? and e.type = ? order by e.id",
				Long.class, orderId.toString(), type);
		return ids.isEmpty() ? UUID.randomUUID().toString()
				: UUID
					.nameUUIDFromBytes(
							(orderId + ":" + type + ":" + ids.get(0)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
					.toString();
	}

	private MvcResult callApi(String method, String pattern, UUID orderId, Recipe recipe, RequestPostProcessor who)
			throws Exception {
		String uri = pattern.replace("{orderId}", orderId.toString())
			.replace("{captureId}", eventIdOf(orderId, "CAPTURED"))
			.replace("{refundId}", eventIdOf(orderId, "REFUNDED"));
		MockHttpServletRequestBuilder request = switch (method) {
			case "GET" -> get(uri);
			case "POST" -> post(uri).contentType("application/json")
				.header("Klarna-Idempotency-Key", UUID.randomUUID().toString());
			case "PATCH" -> patch(uri).contentType("application/json")
				.header("Klarna-Idempotency-Key", UUID.randomUUID().toString());
			default -> throw new AssertionError("The walker does not know how to call " + method + " " + pattern);
		};
		String body = recipe.params().get("body");
		if (body != null) {
			request.content(body);
		}
		return this.mvc.perform(request.with(who)).andReturn();
	}

	private static String withoutCorrelationId(String body) {
		return body.replaceAll("\"correlation_id\":\"[^\"]*\"", "");
	}

	// --- Routes without ids ------------------------------------------------------------

	@Test
	void routesWithoutIdsShowNothingOfAnotherMerchant() throws Exception {
		long nordic = this.fixtures.nordic();
		long fjord = this.fixtures.fjord();
		Order foreign = this.fixtures.order(fjord, OrderStatus.AUTHORIZED);
		List<String> foreignUsers = this.jdbc.queryForList("select username from portal_user where merchant_id = ?",
				String.class, fjord);
		for (String route : routesOf(Kind.NO_ID)) {
			Recipe recipe = RECIPES.get(route);
			String method = route.substring(0, route.indexOf(' '));
			String pattern = route.substring(route.indexOf(' ') + 1);
			if ("POST".equals(method)) {
				continue; // creating a user, below
			}
			for (Client client : Client.values()) {
				MvcResult result = call(method, pattern, null, null, recipe, client,
						this.fixtures.as(AttackFixtures.NORDIC_ADMIN));
				String body = result.getResponse().getContentAsString();
				assertThat(result.getResponse().getStatus()).as(route).isIn(200, 302);
				assertThat(body).as(route)
					.doesNotContain(foreign.getPublicId().toString())
					.doesNotContain(foreign.getMerchantReference())
					.doesNotContain("FO-1")
					.doesNotContain("Fjord Outdoor");
				for (String username : foreignUsers) {
					assertThat(body).as(route).doesNotContain(username);
				}
			}
		}
		// An admin creates users for their own merchant only, whatever the form says.
		String username = "created-" + UUID.randomUUID().toString().substring(0, 8) + "@nordic-shoes.example";
		this.mvc
			.perform(post("/users").param("username", username)
				.param("password", "a-long-enough-password")
				.param("role", "ADMIN")
				.param("merchantId", Long.toString(fjord))
				.param("merchant_id", Long.toString(fjord))
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn();
		assertThat(this.fixtures.merchantOf(username)).isEqualTo(nordic);
	}

	// --- Searches and filters ----------------------------------------

	@Test
	void searchesNeverReturnAnotherMerchantsOrders() throws Exception {
		long nordic = this.fixtures.nordic();
		long fjord = this.fixtures.fjord();
		Order own = this.fixtures.order(nordic, OrderStatus.AUTHORIZED, "SHARED-REF-1", "Shared Name",
				"shared@shop.example");
		Order foreign = this.fixtures.order(fjord, OrderStatus.AUTHORIZED, "SHARED-REF-1", "Shared Name",
				"shared@shop.example");
		Set<String> nordicIds = new HashSet<>(this.fixtures.orderIdsOf(nordic));
		Set<String> fjordIds = new HashSet<>(this.fixtures.orderIdsOf(fjord));
		Map<String, Object> fjordSample = this.jdbc
			.queryForMap("select merchant_reference, customer_name, customer_email, public_id from purchase_order "
					+ "where merchant_id = ? and merchant_reference like 'FO-1%' order by id limit 1", fjord);
		List<String> terms = new ArrayList<>(List.of("SHARED", "shared", "Shared Name", "shared@",
				foreign.getPublicId().toString().substring(0, 8), foreign.getPublicId().toString(), "FO-", "fo-1",
				"NS-", "%", "_", "\\", "'", "a", "e", "@", "."));
		terms.add((String) fjordSample.get("MERCHANT_REFERENCE"));
		terms.add((String) fjordSample.get("CUSTOMER_NAME"));
		terms.add((String) fjordSample.get("CUSTOMER_EMAIL"));
		terms.add(((String) fjordSample.get("PUBLIC_ID")).substring(0, 13));
		for (String term : terms) {
			for (Client client : Client.values()) {
				List<String> rows = rowIds(
						listPage(get("/orders").param("q", term), client, AttackFixtures.NORDIC_ADMIN));
				assertThat(rows).as("searching %s as %s", term, client).allMatch(nordicIds::contains);
				assertThat(rows).as("searching %s as %s", term, client).noneMatch(fjordIds::contains);
			}
		}
		// The searches find what they should: one's own order, never the other merchant's
		// twin.
		for (String term : List.of("SHARED-REF-1", "shared name", "shared@shop", own.getPublicId().toString())) {
			assertThat(rowIds(listPage(get("/orders").param("q", term), Client.HTMX, AttackFixtures.NORDIC_ADMIN)))
				.as("searching %s", term)
				.containsExactly(own.getPublicId().toString());
			assertThat(rowIds(listPage(get("/orders").param("q", term), Client.HTMX, AttackFixtures.FJORD_ADMIN)))
				.as("searching %s as the other merchant", term)
				.doesNotContain(own.getPublicId().toString());
		}
		assertThat(rowIds(listPage(get("/orders").param("q", (String) fjordSample.get("MERCHANT_REFERENCE")),
				Client.PLAIN, AttackFixtures.FJORD_ADMIN)))
			.as("the other merchant finds its own order")
			.contains((String) fjordSample.get("PUBLIC_ID"));
	}

	@Test
	void everyStatusFilterAndEveryPageListOnlyTheMerchantsOwnOrders() throws Exception {
		for (String username : List.of(AttackFixtures.NORDIC_VIEWER, AttackFixtures.FJORD_ADMIN)) {
			long merchant = this.fixtures.merchantOf(username);
			Set<String> ownIds = new HashSet<>(this.fixtures.orderIdsOf(merchant));
			List<String> statuses = new ArrayList<>();
			statuses.add("");
			for (OrderStatus status : OrderStatus.values()) {
				statuses.add(status.name());
			}
			for (String status : statuses) {
				List<String> listed = new ArrayList<>();
				String url = "/orders?status=" + status;
				int pages = 0;
				while (url != null) {
					String body = listPage(get(url), (pages % 2 == 0) ? Client.PLAIN : Client.HTMX, username);
					listed.addAll(rowIds(body));
					url = AttackFixtures.nextPage(body);
					pages++;
					assertThat(pages).as("pages of %s", status).isLessThan(100);
				}
				long expected = status.isEmpty()
						? this.jdbc.queryForObject("select count(*) from purchase_order where merchant_id = ?",
								Long.class, merchant)
						: this.jdbc.queryForObject(
								"select count(*) from purchase_order where merchant_id = ? and status = ?", Long.class,
								merchant, status);
				assertThat(listed).as("%s's orders with status '%s', every page", username, status)
					.doesNotHaveDuplicates()
					.hasSize((int) expected)
					.allMatch(ownIds::contains);
			}
		}
	}

	// --- Helpers ------------------------------------------------------------------

	private String listPage(MockHttpServletRequestBuilder request, Client client, String username) throws Exception {
		if (client == Client.HTMX) {
			request.header("HX-Request", "true").header("HX-Target", "order-results");
		}
		MvcResult result = this.mvc.perform(request.with(this.fixtures.as(username))).andReturn();
		assertThat(result.getResponse().getStatus()).as("%s", result.getRequest().getRequestURI()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private static List<String> rowIds(String body) {
		return AttackFixtures.rowIds(body);
	}

	private MvcResult call(String method, String pattern, String variable, Object id, Recipe recipe, Client client,
			RequestPostProcessor who) throws Exception {
		String uri = (variable != null) ? pattern.replace("{" + variable + "}", String.valueOf(id)) : pattern;
		MockHttpServletRequestBuilder request;
		switch (method) {
			case "GET" -> request = get(uri);
			case "POST" -> {
				request = post(uri).with(csrf());
				if (recipe.kind() == Kind.ORDER) {
					request.param("idempotencyKey", AttackFixtures.key());
				}
			}
			default -> throw new AssertionError("The walker does not know how to call " + method + " " + pattern);
		}
		recipe.params().forEach(request::param);
		if (client == Client.HTMX) {
			request.header("HX-Request", "true").header("HX-Current-URL", "http://localhost/orders");
		}
		return this.mvc.perform(request.with(who)).andReturn();
	}

	private PortalUser lockedUser(long merchantId, boolean disabled) {
		PortalUser user = this.fixtures.newUser(merchantId, Role.ORDER_MANAGER);
		this.fixtures.lock(user);
		if (disabled) {
			this.fixtures.disable(user);
		}
		return this.fixtures.reload(user);
	}

}
