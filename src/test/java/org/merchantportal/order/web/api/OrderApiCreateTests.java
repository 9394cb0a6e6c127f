package org.merchantportal.order.web.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Placing an order over the merchant API, as a checkout would (our extension): checked to
 * the cent, exactly once per key, on the Orders page at once, and then managed over the
 * API and the pages alike.
 */
@AttackTest
class OrderApiCreateTests {

	private static final String ORDERS = "/ordermanagement/v1/orders";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request
			.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)));
	}

	private static MockHttpServletRequestBuilder postJson(String path, String body) {
		return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static String order(String reference, long orderAmount, String currency, long lineTotal) {
		return """
				{"purchase_currency": "%s", "order_amount": %d, "merchant_reference1": "%s",
				 "order_lines": [
				   {"reference": "SHOE-1", "name": "Trail Runner", "quantity": 2, "unit_price": 60000,
				    "tax_rate": 2500, "total_amount": %d, "type": "physical"},
				   {"reference": "SOCK-1", "name": "Wool Socks", "quantity": 1, "unit_price": 9900,
				    "tax_rate": 2500, "total_amount": 9900}],
				 "billing_address": {"given_name": "Astrid", "family_name": "Lindqvist",
				   "email": "astrid@example.se", "country": "SE"},
				 "locale": "sv-SE"}
				""".formatted(currency, orderAmount, reference, lineTotal);
	}

	private long count(String reference) {
		return this.jdbc.queryForObject("select count(*) from purchase_order where merchant_reference = ?", Long.class,
				reference);
	}

	@Test
	void aCheckoutsOrderIsPlacedAuthorizedForTwentyEightDaysAndListedAtOnce() throws Exception {
		String reference = "NS-API-" + UUID.randomUUID().toString().substring(0, 8);
		MvcResult created = call(postJson(ORDERS, order(reference, 129_900, "SEK", 120_000)))
			.andExpect(status().isCreated())
			.andReturn();
		String orderId = JsonPath.read(created.getResponse().getContentAsString(), "$.order_id");
		assertThat(created.getResponse().getHeader("Location")).isEqualTo(ORDERS + "/" + orderId);
		LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusDays(28);
		call(get(ORDERS + "/" + orderId)).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("AUTHORIZED"))
			.andExpect(jsonPath("$.order_amount").value(129_900))
			.andExpect(jsonPath("$.remaining_authorized_amount").value(129_900))
			.andExpect(jsonPath("$.merchant_reference1").value(reference))
			.andExpect(jsonPath("$.billing_address.given_name").value("Astrid"))
			.andExpect(jsonPath("$.billing_address.family_name").value("Lindqvist"))
			.andExpect(jsonPath("$.order_lines[1].total_amount").value(9_900))
			.andExpect(jsonPath("$.expires_at")
				.value(expiry.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
		String page = this.mvc.perform(get("/orders").with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).as("the newest order on the Orders page").contains(reference);
		assertThat(this.jdbc.queryForObject("select e.actor from order_event e join purchase_order o on o.id = "
				+ "e.order_id where o.public_id = ? and e.type = 'CREATED'", String.class, orderId))
			.isEqualTo("via API (Demo shop system)");
	}

	@Test
	void theSameKeyPlacesOneOrderAndAnotherBodyIsRefused() throws Exception {
		String reference = "NS-KEY-" + UUID.randomUUID().toString().substring(0, 8);
		String key = UUID.randomUUID().toString();
		String first = call(
				postJson(ORDERS, order(reference, 129_900, "SEK", 120_000)).header("Klarna-Idempotency-Key", key))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String again = call(
				postJson(ORDERS, order(reference, 129_900, "SEK", 120_000)).header("Klarna-Idempotency-Key", key))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<String>read(again, "$.order_id")).isEqualTo(JsonPath.read(first, "$.order_id"));
		call(postJson(ORDERS, order(reference + "X", 129_900, "SEK", 120_000)).header("Klarna-Idempotency-Key", key))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.error_code").value("CONFLICT"));
		assertThat(count(reference)).isEqualTo(1);
		assertThat(count(reference + "X")).isZero();
	}

	@Test
	void anOrderWhoseAmountsDoNotAddUpOrThatIsIncompleteIs400AndPlacesNothing() throws Exception {
		String reference = "NS-BAD-" + UUID.randomUUID().toString().substring(0, 8);
		for (String body : new String[] { order(reference, 129_899, "SEK", 120_000),
				order(reference, 129_900, "EUR", 120_000), order(reference, 129_901, "SEK", 120_001),
				order(reference, 0, "SEK", 120_000), order("", 129_900, "SEK", 120_000),
				order(reference, 129_900, "SEK", 120_000).replace("60000", "600.00"),
				order(reference, 129_900, "SEK", 120_000).replace("\"quantity\": 2", "\"quantity\": -2"),
				order(reference, 129_900, "SEK", 120_000).replace("\"tax_rate\": 2500, \"total_amount\": 9900",
						"\"tax_rate\": 20000, \"total_amount\": 9900"),
				order(reference, 129_900, "SEK", 120_000).replace("astrid@example.se", "not-an-email"),
				order(reference, 129_900, "SEK", 120_000).replace("\"SOCK-1\"", "\"SHOE-1\""),
				order("İ".repeat(64), 129_900, "SEK", 120_000),
				"{\"purchase_currency\": \"SEK\", \"order_amount\": 100, \"merchant_reference1\": \"" + reference
						+ "\", \"order_lines\": []}" }) {
			call(postJson(ORDERS, body)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
		}
		assertThat(count(reference)).isZero();
	}

	@Test
	void anOrderPlacedAndCapturedOverTheApiAndRefundedOnThePageReadsBackWithTheRefund() throws Exception {
		String reference = "NS-LIFE-" + UUID.randomUUID().toString().substring(0, 8);
		String orderId = JsonPath
			.read(call(postJson(ORDERS, order(reference, 129_900, "SEK", 120_000))).andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.order_id");
		call(postJson(ORDERS + "/" + orderId + "/captures", "{\"captured_amount\": 129900}"))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/orders/" + orderId + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", "99")
				.param("reason", "RETURNED")
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andExpect(status().is3xxRedirection());
		call(get(ORDERS + "/" + orderId)).andExpect(jsonPath("$.status").value("CAPTURED"))
			.andExpect(jsonPath("$.refunded_amount").value(9_900))
			.andExpect(jsonPath("$.refunds[0].refunded_amount").value(9_900))
			.andExpect(jsonPath("$.refunds[0].reason").value("RETURNED"));
	}

}
