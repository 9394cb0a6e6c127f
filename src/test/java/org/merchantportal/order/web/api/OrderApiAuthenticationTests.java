package org.merchantportal.order.web.api;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.UserAdministration.Admin;
import org.merchantportal.order.Order;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may call the merchant API: an API credential of the order's merchant, over HTTP
 * Basic, and nobody else: not a wrong or revoked secret, not another merchant's
 * credential, not a person's password or session.
 */
@AttackTest
class OrderApiAuthenticationTests {

	static final String NORDIC_API = "demo-nordic-shoes";

	static final String FJORD_API = "demo-fjord-outdoor";

	static final String API_PASSWORD = "portal-demo-api-2026";

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	ApiCredentials credentials;

	AttackFixtures fixtures;

	Order order;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
		this.order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.PART_CAPTURED);
	}

	private String path() {
		return "/ordermanagement/v1/orders/" + this.order.getPublicId();
	}

	@Test
	void theMerchantsOwnCredentialReadsTheOrder() throws Exception {
		this.mvc.perform(get(path()).with(httpBasic(NORDIC_API, API_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect(jsonPath("$.order_id").value(this.order.getPublicId().toString()));
	}

	@Test
	void withoutCredentialsTheAnswerIs401WithABasicChallengeInTheApisErrorShape() throws Exception {
		this.mvc.perform(get(path()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Basic realm=\"Merchant Portal API\""))
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect(jsonPath("$.error_code").value("UNAUTHORIZED"))
			.andExpect(jsonPath("$.error_messages[0]").isString())
			.andExpect(jsonPath("$.correlation_id").isString());
	}

	@Test
	void aWrongPasswordOrUnknownUsernameIs401() throws Exception {
		for (var basic : new String[][] { { NORDIC_API, "wrong-password" }, { NORDIC_API, "" },
				{ "mp_0000000000000000", API_PASSWORD }, { NORDIC_API.toUpperCase(), API_PASSWORD } }) {
			this.mvc.perform(get(path()).with(httpBasic(basic[0], basic[1])))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.error_code").value("UNAUTHORIZED"));
		}
		this.mvc.perform(get(path()).header("Authorization", "Basic not-base64!")).andExpect(status().isUnauthorized());
		this.mvc.perform(get(path()).header("Authorization", "Bearer " + API_PASSWORD))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aPersonsPasswordOrSessionIsNoApiCredential() throws Exception {
		this.mvc.perform(get(path()).with(httpBasic(AttackFixtures.NORDIC_ADMIN, AttackFixtures.PASSWORD)))
			.andExpect(status().isUnauthorized());
		MvcResult withSession = this.mvc.perform(get(path()).with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn();
		assertThat(withSession.getResponse().getStatus()).isIn(401, 403);
		assertThat(withSession.getResponse().getContentAsString()).doesNotContain(this.order.getMerchantReference());
	}

	@Test
	void aRevokedCredentialIsRefusedAtOnce() throws Exception {
		PortalUser admin = this.fixtures.user(AttackFixtures.NORDIC_ADMIN);
		Admin acting = new Admin(admin.getMerchantId(), admin.getId(), admin.getUsername(), null);
		ApiCredentials.Created created = this.credentials.create(acting, "Soon revoked " + UUID.randomUUID());
		String username = created.credential().getUsername();
		this.mvc.perform(get(path()).with(httpBasic(username, created.secret()))).andExpect(status().isOk());
		this.credentials.revoke(acting, created.credential().getPublicId());
		this.mvc.perform(get(path()).with(httpBasic(username, created.secret())))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error_code").value("UNAUTHORIZED"));
	}

	@Test
	void anotherMerchantsCredentialFindsNoSuchOrder() throws Exception {
		String foreign = this.mvc.perform(get(path()).with(httpBasic(FJORD_API, API_PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error_code").value("NO_SUCH_ORDER"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(foreign).doesNotContain(this.order.getMerchantReference())
			.doesNotContain(this.order.getCustomerEmail());
	}

	@Test
	void nothingOfTheApiIsOpenButItsDocument() throws Exception {
		this.mvc.perform(get("/ordermanagement/v1/openapi.json")).andExpect(status().isOk());
		this.mvc.perform(get("/ordermanagement/v1/openapi.json.yaml")).andExpect(status().isOk());
		this.mvc.perform(get("/ordermanagement/v1/orders")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/ordermanagement/v1/anything")).andExpect(status().isUnauthorized());
		// Authenticated, an unknown path answers in the API's error shape.
		this.mvc.perform(get("/ordermanagement/v1/anything").with(httpBasic(NORDIC_API, API_PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error_code").value("NOT_FOUND"))
			.andExpect(jsonPath("$.correlation_id").isString());
	}

}
