package org.merchantportal.order.web.api;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.order.Order;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Reading an order over the merchant API: Klarna's field names, amounts in minor units,
 * lines, captures and refunds.
 */
@AttackTest
class OrderApiReadTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	@Test
	void anOrderShowsItsAmountsLinesAndCapturesInKlarnasShape() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.PART_CAPTURED);
		this.mvc
			.perform(get("/ordermanagement/v1/orders/" + order.getPublicId())
				.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/json"))
			.andExpect(jsonPath("$.order_id").value(order.getPublicId().toString()))
			.andExpect(jsonPath("$.status").value("PART_CAPTURED"))
			.andExpect(jsonPath("$.purchase_currency").value("SEK"))
			// 2 × 100.00 + 1 × 50.00, of which 100.00 captured
			.andExpect(jsonPath("$.order_amount").value(25_000))
			.andExpect(jsonPath("$.captured_amount").value(10_000))
			.andExpect(jsonPath("$.refunded_amount").value(0))
			.andExpect(jsonPath("$.remaining_authorized_amount").value(15_000))
			.andExpect(jsonPath("$.merchant_reference1").value(order.getMerchantReference()))
			.andExpect(jsonPath("$.billing_address.email").value(order.getCustomerEmail()))
			.andExpect(jsonPath("$.expires_at").value(order.getAuthorizationExpiresOn()
				.plusDays(1)
				.atStartOfDay(java.time.ZoneOffset.UTC)
				.toInstant()
				.toString()))
			.andExpect(jsonPath("$.order_lines", hasSize(2)))
			.andExpect(jsonPath("$.order_lines[0].reference").value("SKU-1"))
			.andExpect(jsonPath("$.order_lines[0].quantity").value(2))
			.andExpect(jsonPath("$.order_lines[0].unit_price").value(10_000))
			.andExpect(jsonPath("$.order_lines[0].tax_rate").value(2500))
			.andExpect(jsonPath("$.order_lines[0].total_amount").value(20_000))
			.andExpect(jsonPath("$.captures", hasSize(1)))
			.andExpect(jsonPath("$.captures[0].captured_amount").value(10_000))
			.andExpect(jsonPath("$.captures[0].capture_id").isString())
			.andExpect(jsonPath("$.refunds", hasSize(0)));
	}

	@Test
	void captureIdsAreStableAcrossReads() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.CAPTURED);
		String first = read(order.getPublicId());
		assertThat(read(order.getPublicId())).isEqualTo(first);
	}

	@Test
	void anUnknownOrMalformedOrderIdIsNoSuchOrder() throws Exception {
		for (String id : new String[] { UUID.randomUUID().toString(), "not-a-uuid", "1" }) {
			this.mvc
				.perform(get("/ordermanagement/v1/orders/" + id)
					.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.error_code").value("NO_SUCH_ORDER"))
				.andExpect(jsonPath("$.correlation_id").isString());
		}
	}

	@Test
	void theListPagesThroughTheMerchantsOrdersNewestFirstWithoutRepeats() throws Exception {
		long nordic = this.fixtures.nordic();
		java.util.List<String> listed = new java.util.ArrayList<>();
		String url = "/ordermanagement/v1/orders?size=100";
		int pages = 0;
		while (url != null) {
			String body = list(url);
			com.jayway.jsonpath.DocumentContext json = com.jayway.jsonpath.JsonPath.parse(body);
			listed.addAll(json.read("$.orders[*].order_id"));
			url = body.contains("\"next\"") ? json.read("$.next") : null;
			assertThat(++pages).isLessThan(50);
		}
		assertThat(listed).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(this.fixtures.orderIdsOf(nordic));
	}

	@Test
	void theListFiltersByStatusAndMerchantReference() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.CANCELLED,
				"NS-RECON-" + UUID.randomUUID(), "Recon Customer", "recon@shop.example");
		String byReference = list("/ordermanagement/v1/orders?merchant_reference=" + order.getMerchantReference());
		assertThat(com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(byReference, "$.orders[*].order_id"))
			.containsExactly(order.getPublicId().toString());
		String cancelled = list("/ordermanagement/v1/orders?status=CANCELLED&size=100");
		assertThat(com.jayway.jsonpath.JsonPath.<java.util.List<String>>read(cancelled, "$.orders[*].status"))
			.isNotEmpty()
			.containsOnly("CANCELLED");
	}

	@Test
	void aBadListRequestIs400() throws Exception {
		for (String query : new String[] { "?status=SHIPPED", "?after=garbage", "?size=0", "?size=101", "?size=ten" }) {
			this.mvc
				.perform(get("/ordermanagement/v1/orders" + query)
					.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error_code").value("BAD_VALUE"));
		}
	}

	private String list(String url) throws Exception {
		return this.mvc
			.perform(get(url)
				.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String read(UUID orderId) throws Exception {
		return this.mvc
			.perform(get("/ordermanagement/v1/orders/" + orderId)
				.with(httpBasic(OrderApiAuthenticationTests.NORDIC_API, OrderApiAuthenticationTests.API_PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
