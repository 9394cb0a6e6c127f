package org.merchantportal.merchant.web;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API credentials page: ADMINs only; a new credential's password shown once, in an
 * answer that is not cached; revoke.
 */
@AttackTest
class ApiCredentialControllerTests {

	private static final Pattern SECRET = Pattern.compile("mps_[A-Za-z0-9_-]{43}");

	private static final Pattern USERNAME = Pattern.compile("mp_[0-9a-f]{16}");

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

	@Test
	void anAdminSeesTheMerchantsCredentialsAndNoSecret() throws Exception {
		String page = this.mvc.perform(get("/api-credentials").with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("demo-nordic-shoes").doesNotContain("demo-fjord-outdoor");
		assertThat(SECRET.matcher(page).find()).isFalse();
	}

	@Test
	void onlyAdminsReachThePage() throws Exception {
		for (String user : new String[] { AttackFixtures.NORDIC_MANAGER, AttackFixtures.NORDIC_VIEWER }) {
			this.mvc.perform(get("/api-credentials").with(this.fixtures.as(user))).andExpect(status().isForbidden());
			this.mvc.perform(post("/api-credentials").param("name", "Sneaky").with(csrf()).with(this.fixtures.as(user)))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(get("/api-credentials")).andExpect(status().is3xxRedirection());
	}

	@Test
	void creatingShowsThePasswordOnceAndItWorksOnTheApi() throws Exception {
		String name = "Warehouse " + UUID.randomUUID();
		MvcResult created = this.mvc
			.perform(post("/api-credentials").param("name", name)
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
			.andReturn();
		String body = created.getResponse().getContentAsString();
		Matcher secret = SECRET.matcher(body);
		Matcher username = USERNAME.matcher(body);
		assertThat(secret.find()).as("the password on the page").isTrue();
		assertThat(username.find()).as("the username on the page").isTrue();
		this.mvc
			.perform(get("/ordermanagement/v1/orders/" + UUID.randomUUID())
				.with(httpBasic(username.group(), secret.group())))
			.andExpect(status().isNotFound()); // authenticated: the order is unknown
		String later = this.mvc.perform(get("/api-credentials").with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(later).contains(username.group()).doesNotContain(secret.group());
	}

	@Test
	void aBadNameIsRefusedWithTheFormKept() throws Exception {
		long before = count();
		String body = this.mvc
			.perform(post("/api-credentials").param("name", "   ")
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).contains("credential-name-error");
		this.mvc
			.perform(post("/api-credentials").param("name", "x".repeat(10_000))
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isUnprocessableContent());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void withoutACsrfTokenNothingIsCreated() throws Exception {
		long before = count();
		this.mvc
			.perform(post("/api-credentials").param("name", "Forged " + UUID.randomUUID())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isForbidden());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void revokingEndsTheCredential() throws Exception {
		String name = "To revoke " + UUID.randomUUID();
		String body = this.mvc
			.perform(post("/api-credentials").param("name", name)
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Matcher secret = SECRET.matcher(body);
		Matcher username = USERNAME.matcher(body);
		assertThat(secret.find() && username.find()).isTrue();
		String id = this.jdbc.queryForObject("select public_id from api_credential where name = ?", String.class, name);
		this.mvc
			.perform(post("/api-credentials/" + id + "/revoke").with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(redirectedUrl("/api-credentials"));
		this.mvc
			.perform(get("/ordermanagement/v1/orders/" + UUID.randomUUID())
				.with(httpBasic(username.group(), secret.group())))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(post("/api-credentials/not-a-uuid/revoke").with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isNotFound());
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from api_credential", Long.class);
	}

}
