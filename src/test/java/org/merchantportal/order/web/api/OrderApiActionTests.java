package org.merchantportal.order.web.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.order.Order;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The merchant API's actions, allowed and refused for each state, with Klarna's status
 * codes and error codes, exactly once per Klarna-Idempotency-Key, and one set of rules
 * with the pages.
 */
@AttackTest
class OrderApiActionTests {

	private static final String ORDERS = "/ordermanagement/v1/orders/";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@LocalServerPort
	int port;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	private Order order(OrderStatus state) {
		return this.fixtures.order(this.fixtures.nordic(), state, Duration.ofDays(10));
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request
			.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)));
	}

	private static MockHttpServletRequestBuilder postJson(String path, String body) {
		return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private Map<String, Object> amounts(Order order) {
		return this.fixtures.snapshot(order.getPublicId());
	}

	// --- Captures ---------------------------------------------------------------------

	@Test
	void aCaptureAnswers201WithItsLocationAndIdAndIsRecordedAsViaApi() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		MvcResult result = call(postJson(ORDERS + order.getPublicId() + "/captures",
				"{\"captured_amount\": 10000, \"description\": \"Shipped with DHL\", \"shipping_info\": []}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Capture-Id", matchesPattern("[0-9a-f-]{36}")))
			.andReturn();
		String captureId = result.getResponse().getHeader("Capture-Id");
		assertThat(result.getResponse().getHeader("Location"))
			.isEqualTo(ORDERS + order.getPublicId() + "/captures/" + captureId);
		call(get(result.getResponse().getHeader("Location"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.capture_id").value(captureId))
			.andExpect(jsonPath("$.captured_amount").value(10_000))
			.andExpect(jsonPath("$.description").value("Shipped with DHL"));
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.status").value("PART_CAPTURED"))
			.andExpect(jsonPath("$.captured_amount").value(10_000))
			.andExpect(jsonPath("$.captures[0].capture_id").value(captureId));
		call(get(ORDERS + order.getPublicId() + "/captures")).andExpect(jsonPath("$", hasSize(1)));
		assertThat(this.jdbc.queryForObject(
				"select actor from order_event e join purchase_order o on o.id = e.order_id "
						+ "where o.public_id = ? and e.type = 'CAPTURED'",
				String.class, order.getPublicId().toString()))
			.isEqualTo("via API (Demo shop system)");
	}

	@Test
	void aCaptureOfLinesMustAddUpToItsAmount() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		Map<String, Object> before = amounts(order);
		call(postJson(ORDERS + order.getPublicId() + "/captures",
				"{\"captured_amount\": 9999, \"order_lines\": [{\"reference\": \"SKU-1\", \"quantity\": 1}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
		assertThat(amounts(order)).isEqualTo(before);
		call(postJson(ORDERS + order.getPublicId() + "/captures",
				"{\"captured_amount\": 15000, \"order_lines\": [{\"reference\": \"SKU-1\", \"quantity\": 1}, "
						+ "{\"reference\": \"SKU-2\", \"quantity\": 1, \"name\": \"Wool Socks\"}]}"))
			.andExpect(status().isCreated());
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.captured_amount").value(15_000))
			.andExpect(jsonPath("$.order_lines[0].captured_quantity").value(1))
			.andExpect(jsonPath("$.order_lines[1].captured_quantity").value(1));
	}

	@Test
	void aCaptureTheOrderDoesNotAllowIs403CaptureNotAllowedAndChangesNothing() throws Exception {
		Order authorized = order(OrderStatus.AUTHORIZED);
		Map<String, Object> before = amounts(authorized);
		// A well-formed amount above the remaining authorization (250.00).
		call(postJson(ORDERS + authorized.getPublicId() + "/captures", "{\"captured_amount\": 25001}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("CAPTURE_NOT_ALLOWED"))
			.andExpect(jsonPath("$.error_messages[0]").isString());
		assertThat(amounts(authorized)).isEqualTo(before);
		for (OrderStatus state : List.of(OrderStatus.CAPTURED, OrderStatus.CANCELLED, OrderStatus.CLOSED)) {
			Order order = order(state);
			call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.error_code").value("CAPTURE_NOT_ALLOWED"));
			// Refused by the order's state, but someone tried: the audit says who, as the
			// timeline would.
			assertThat(this.jdbc.queryForList(
					"select actor from audit_event where type = 'ORDER_ACTION_REFUSED' and subject = ?", String.class,
					order.getPublicId().toString()))
				.containsExactly("via API (Demo shop system)");
		}
	}

	@Test
	void anAmountThatIsNotAPositiveIntegerIs400AndChangesNothing() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		Map<String, Object> before = amounts(order);
		for (String body : List.of("{}", "{\"captured_amount\": 0}", "{\"captured_amount\": -100}",
				"{\"captured_amount\": 10.5}", "{\"captured_amount\": 1e3}", "{\"captured_amount\": \"1000\"}",
				"{\"captured_amount\": 99999999999999999999999}", "{\"captured_amount\": null}",
				"{\"captured_amount\": true}", "not json", "[]", "{\"captured_amount\": 100")) {
			call(postJson(ORDERS + order.getPublicId() + "/captures", body)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error_code").value("BAD_VALUE"))
				.andExpect(jsonPath("$.correlation_id").isString());
		}
		assertThat(amounts(order)).isEqualTo(before);
	}

	@Test
	void aBodyThatIsNotJsonIs415() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		call(post(ORDERS + order.getPublicId() + "/captures").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("captured_amount=100")).andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.error_code").value("UNSUPPORTED_MEDIA_TYPE"));
	}

	@Test
	void deeplyNestedJsonIsRefusedWithoutHarm() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		String deep = "{\"captured_amount\": 100, \"shipping_info\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
		call(postJson(ORDERS + order.getPublicId() + "/captures", deep)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
	}

	@Test
	void aBodyOverOneMegabyteIs413AndChangesNothing() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		Map<String, Object> before = amounts(order);
		String huge = "{\"captured_amount\": 100, \"description\": \"" + "x".repeat(1024 * 1024) + "\"}";
		call(postJson(ORDERS + order.getPublicId() + "/captures", huge)).andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.error_code").value("REQUEST_TOO_LARGE"));
		// Sent in chunks, without a length: read up to the limit, then refused.
		HttpResponse<String> chunked = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + ORDERS + order.getPublicId() + "/captures"))
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((OrderApiAuthenticationTests.NORDIC_API + ":"
									+ OrderApiAuthenticationTests.API_PASSWORD)
								.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers
					.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(chunked.body()).contains("REQUEST_TOO_LARGE");
		assertThat(amounts(order)).isEqualTo(before);
	}

	@Test
	void aWrongMethodIs405AndAnAcceptWithoutJsonIs406InTheApisErrorShape() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(ORDERS + order.getPublicId()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", "GET"))
			.andExpect(jsonPath("$.error_code").value("METHOD_NOT_ALLOWED"));
		call(get(ORDERS + order.getPublicId()).accept(MediaType.TEXT_HTML)).andExpect(status().isNotAcceptable())
			.andExpect(jsonPath("$.error_code").value("NOT_ACCEPTABLE"));
		assertThat(amounts(order).get("STATUS")).isEqualTo("AUTHORIZED");
	}

	@Test
	void textThatIsNoTextOrTooLongAndLinesNamedTwiceOrTooManyAre400() throws Exception {
		Order order = order(OrderStatus.CAPTURED);
		Map<String, Object> before = amounts(order);
		for (String body : List.of("{\"refunded_amount\": 1, \"description\": \"bad\\u0000byte\"}",
				"{\"refunded_amount\": 1, \"description\": \"" + "d".repeat(255) + "\", \"reference\": \""
						+ "r".repeat(255) + "\"}",
				"{\"refunded_amount\": 20000, \"order_lines\": [{\"reference\": \"SKU-1\", \"quantity\": 1}, "
						+ "{\"reference\": \"SKU-1\", \"quantity\": 1}]}",
				"{\"refunded_amount\": 1, \"order_lines\": [{\"reference\": \"SKU-1\", \"quantity\": 2147483647}, "
						+ "{\"reference\": \"SKU-2\", \"quantity\": 2147483647}]}")) {
			call(postJson(ORDERS + order.getPublicId() + "/refunds", body)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
		}
		call(postJson(ORDERS + order(OrderStatus.AUTHORIZED).getPublicId() + "/captures",
				"{\"captured_amount\": 1, \"description\": \"tab\\tis fine but NUL\\u0000 is not\"}"))
			.andExpect(status().isBadRequest());
		assertThat(amounts(order)).isEqualTo(before);
	}

	@Test
	void anUnknownCaptureOrRefundIsNoSuchCaptureOrRefund() throws Exception {
		Order order = order(OrderStatus.CAPTURED);
		call(get(ORDERS + order.getPublicId() + "/captures/" + UUID.randomUUID())).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error_code").value("NO_SUCH_CAPTURE"));
		call(get(ORDERS + order.getPublicId() + "/captures/not-a-uuid")).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error_code").value("NO_SUCH_CAPTURE"));
		call(get(ORDERS + order.getPublicId() + "/refunds/" + UUID.randomUUID())).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error_code").value("NO_SUCH_REFUND"));
	}

	// --- Refunds ----------------------------------------------------------------------

	@Test
	void aKlarnaShapedRefundWithoutReasonIsRecordedAsOtherWithItsDescription() throws Exception {
		Order order = order(OrderStatus.CAPTURED);
		String refundId = call(postJson(ORDERS + order.getPublicId() + "/refunds",
				"{\"refunded_amount\": 5000, \"description\": \"Returned socks\", \"reference\": \"RMA-17\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Refund-Id");
		call(get(ORDERS + order.getPublicId() + "/refunds/" + refundId)).andExpect(status().isOk())
			.andExpect(jsonPath("$.refunded_amount").value(5000))
			.andExpect(jsonPath("$.reason").value("OTHER"))
			.andExpect(jsonPath("$.description").value("Returned socks (reference RMA-17)"));
		String plain = call(postJson(ORDERS + order.getPublicId() + "/refunds", "{\"refunded_amount\": 100}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Refund-Id");
		call(get(ORDERS + order.getPublicId() + "/refunds/" + plain))
			.andExpect(jsonPath("$.description").value("via API"));
		call(postJson(ORDERS + order.getPublicId() + "/refunds",
				"{\"refunded_amount\": 100, \"reason\": \"RETURNED\"}"))
			.andExpect(status().isCreated());
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.refunded_amount").value(5200))
			.andExpect(jsonPath("$.refunds", hasSize(3)));
	}

	@Test
	void aRefundTheOrderDoesNotAllowIs403RefundNotAllowed() throws Exception {
		Order captured = order(OrderStatus.CAPTURED);
		Map<String, Object> before = amounts(captured);
		call(postJson(ORDERS + captured.getPublicId() + "/refunds", "{\"refunded_amount\": 25001}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("REFUND_NOT_ALLOWED"));
		assertThat(amounts(captured)).isEqualTo(before);
		for (OrderStatus state : List.of(OrderStatus.AUTHORIZED, OrderStatus.CANCELLED)) {
			call(postJson(ORDERS + order(state).getPublicId() + "/refunds", "{\"refunded_amount\": 1}"))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.error_code").value("REFUND_NOT_ALLOWED"));
		}
		call(postJson(ORDERS + captured.getPublicId() + "/refunds", "{\"refunded_amount\": 1, \"reason\": \"BORED\"}"))
			.andExpect(status().isBadRequest());
		call(postJson(ORDERS + captured.getPublicId() + "/refunds",
				"{\"refunded_amount\": 1, \"description\": \"" + "x".repeat(256) + "\"}"))
			.andExpect(status().isBadRequest());
		assertThat(amounts(captured)).isEqualTo(before);
	}

	// --- Cancel, release, extend
	// ----------------------------------------------------------

	@Test
	void cancelReleaseAndExtendAnswer204WhereAllowedAnd403Otherwise() throws Exception {
		Order authorized = order(OrderStatus.AUTHORIZED);
		call(post(ORDERS + authorized.getPublicId() + "/extend-authorization-time")).andExpect(status().isNoContent());
		call(post(ORDERS + authorized.getPublicId() + "/release-remaining-authorization"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("NOT_ALLOWED"));
		call(post(ORDERS + authorized.getPublicId() + "/cancel")).andExpect(status().isNoContent());
		call(get(ORDERS + authorized.getPublicId())).andExpect(jsonPath("$.status").value("CANCELLED"));
		call(post(ORDERS + authorized.getPublicId() + "/cancel")).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("CANCEL_NOT_ALLOWED"));
		call(post(ORDERS + authorized.getPublicId() + "/extend-authorization-time")).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("NOT_ALLOWED"));

		Order partCaptured = order(OrderStatus.PART_CAPTURED);
		call(post(ORDERS + partCaptured.getPublicId() + "/cancel")).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("CANCEL_NOT_ALLOWED"));
		call(post(ORDERS + partCaptured.getPublicId() + "/release-remaining-authorization"))
			.andExpect(status().isNoContent());
		call(get(ORDERS + partCaptured.getPublicId())).andExpect(jsonPath("$.status").value("CLOSED"))
			.andExpect(jsonPath("$.remaining_authorized_amount").value(0));
	}

	@Test
	void anExpiredOrderRefusesEveryAction() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		this.jdbc.update("update purchase_order set status = 'EXPIRED' where public_id = ?",
				order.getPublicId().toString());
		Map<String, Object> before = amounts(order);
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("CAPTURE_NOT_ALLOWED"));
		call(postJson(ORDERS + order.getPublicId() + "/refunds", "{\"refunded_amount\": 1}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("REFUND_NOT_ALLOWED"));
		call(post(ORDERS + order.getPublicId() + "/cancel")).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error_code").value("CANCEL_NOT_ALLOWED"));
		for (String action : List.of("/release-remaining-authorization", "/extend-authorization-time")) {
			call(post(ORDERS + order.getPublicId() + action)).andExpect(status().isForbidden())
				.andExpect(jsonPath("$.error_code").value("NOT_ALLOWED"));
		}
		assertThat(amounts(order)).isEqualTo(before);
	}

	// --- Merchant references ------------------------------------------------------

	@Test
	void merchantReferencesChangeInAnyStateAreSearchedByTheNewOneAndRecorded() throws Exception {
		for (OrderStatus state : List.of(OrderStatus.AUTHORIZED, OrderStatus.CAPTURED, OrderStatus.CANCELLED)) {
			Order order = order(state);
			String reference = "NS-NEW-" + UUID.randomUUID().toString().substring(0, 8);
			call(patch(ORDERS + order.getPublicId() + "/merchant-references").contentType(MediaType.APPLICATION_JSON)
				.content("{\"merchant_reference1\": \"" + reference + "\", \"merchant_reference2\": \"PO-77\"}"))
				.andExpect(status().isNoContent());
			call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.merchant_reference1").value(reference))
				.andExpect(jsonPath("$.merchant_reference2").value("PO-77"));
			String found = this.mvc
				.perform(get("/orders").param("q", reference.toLowerCase(java.util.Locale.ROOT))
					.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(found).contains(order.getPublicId().toString());
			String old = this.mvc
				.perform(get("/orders").param("q", order.getMerchantReference())
					.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(old).doesNotContain(order.getPublicId().toString());
			assertThat(this.jdbc.queryForObject(
					"select detail from order_event e join purchase_order o on o.id = e.order_id "
							+ "where o.public_id = ? and e.type = 'MERCHANT_REFERENCES_UPDATED'",
					String.class, order.getPublicId().toString()))
				.isEqualTo(order.getMerchantReference() + " → " + reference + ", PO-77");
		}
	}

	@Test
	void aMissingOrOverlongReferenceIs400AndChangesNothing() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		Map<String, Object> before = amounts(order);
		for (String body : List.of("{}", "{\"merchant_reference1\": \"  \"}",
				"{\"merchant_reference1\": \"" + "x".repeat(65) + "\"}",
				"{\"merchant_reference1\": \"ok\", \"merchant_reference2\": \"" + "x".repeat(65) + "\"}")) {
			call(patch(ORDERS + order.getPublicId() + "/merchant-references").contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
		}
		assertThat(amounts(order)).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("select merchant_reference from purchase_order where public_id = ?",
				String.class, order.getPublicId().toString()))
			.isEqualTo(order.getMerchantReference());
	}

	// --- Exactly once
	// -----------------------------------------------------------------------

	@Test
	void theSameKeyAndBodyReplaysTheFirstAnswerAndChangesNothing() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		String key = UUID.randomUUID().toString();
		MvcResult first = call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isCreated()).andReturn();
		Map<String, Object> after = amounts(order);
		for (int i = 0; i < 3; i++) {
			MvcResult again = call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
				.header("Klarna-Idempotency-Key", key)).andExpect(status().isCreated()).andReturn();
			assertThat(again.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
			assertThat(again.getResponse().getHeader("Capture-Id"))
				.isEqualTo(first.getResponse().getHeader("Capture-Id"));
		}
		assertThat(amounts(order)).isEqualTo(after);
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.captures", hasSize(1)));
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		String key = UUID.randomUUID().toString();
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isCreated());
		Map<String, Object> after = amounts(order);
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 2000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isConflict())
			.andExpect(jsonPath("$.error_code").value("CONFLICT"));
		call(post(ORDERS + order.getPublicId() + "/cancel").header("Klarna-Idempotency-Key", key))
			.andExpect(status().isConflict());
		assertThat(amounts(order)).isEqualTo(after);
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
			.header("Klarna-Idempotency-Key", "short")).andExpect(status().isBadRequest());
	}

	/**
	 * While another request holds the order (here a transaction that keeps its row locked
	 * past the database's lock timeout, 10 s in the tests), a request is answered 409
	 * CONFLICT and changes nothing; retried with the same key afterwards, it is carried
	 * out once.
	 */
	@Test
	void aRequestWhileTheOrderIsHeldIs409AndItsRetryIsCarriedOutOnce() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		String key = UUID.randomUUID().toString();
		java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		org.springframework.transaction.support.TransactionTemplate transactions = this.context
			.getBean(org.springframework.transaction.support.TransactionTemplate.class);
		Thread holder = new Thread(() -> transactions.executeWithoutResult((status) -> {
			this.jdbc.queryForList("select id from purchase_order where public_id = ? for update",
					order.getPublicId().toString());
			locked.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		holder.start();
		try {
			assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
				.header("Klarna-Idempotency-Key", key)).andExpect(status().isConflict())
				.andExpect(jsonPath("$.error_code").value("CONFLICT"));
		}
		finally {
			release.countDown();
			holder.join();
		}
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isCreated());
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 1000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isCreated());
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.captured_amount").value(1000))
			.andExpect(jsonPath("$.captures", hasSize(1)));
	}

	@Test
	void aPageFormAndAnApiCallShareTheKeys() throws Exception {
		Order order = order(OrderStatus.CAPTURED);
		String key = UUID.randomUUID().toString();
		this.mvc
			.perform(post("/orders/" + order.getPublicId() + "/refunds").param("idempotencyKey", key)
				.param("mode", "amount")
				.param("amount", "10")
				.param("reason", "RETURNED")
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andExpect(status().is3xxRedirection());
		Map<String, Object> after = amounts(order);
		call(postJson(ORDERS + order.getPublicId() + "/refunds", "{\"refunded_amount\": 1000}")
			.header("Klarna-Idempotency-Key", key)).andExpect(status().isConflict());
		assertThat(amounts(order)).isEqualTo(after);
	}

	@Test
	void anOrderCapturedOverTheApiAndRefundedInThePagesReadsBackWithTheRefund() throws Exception {
		Order order = order(OrderStatus.AUTHORIZED);
		call(postJson(ORDERS + order.getPublicId() + "/captures", "{\"captured_amount\": 25000}"))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/orders/" + order.getPublicId() + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", "20")
				.param("reason", "RETURNED")
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andExpect(status().is3xxRedirection());
		call(get(ORDERS + order.getPublicId())).andExpect(jsonPath("$.status").value("CAPTURED"))
			.andExpect(jsonPath("$.captured_amount").value(25_000))
			.andExpect(jsonPath("$.refunded_amount").value(2_000))
			.andExpect(jsonPath("$.refunds", hasSize(1)))
			.andExpect(jsonPath("$.refunds[0].reason").value("RETURNED"))
			.andExpect(jsonPath("$.refunds[0].refund_id").isString());
	}

}
