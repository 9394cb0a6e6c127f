package org.merchantportal.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.logout;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Form login against the demo users: the right password gets in, anything else gets one
 * generic message, and nothing but the login page is open to anonymous requests.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LoginTests {

	private static final String PASSWORD = "portal-demo-2026";

	@Autowired
	MockMvc mvc;

	@Test
	void logsInWithTheRightPasswordAndLandsOnOrders() throws Exception {
		this.mvc.perform(formLogin("/login").user("orders@nordic-shoes.example").password(PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/orders"))
			.andExpect(authenticated().withUsername("orders@nordic-shoes.example").withRoles("ORDER_MANAGER"));
	}

	@Test
	void refusesAWrongPassword() throws Exception {
		this.mvc.perform(formLogin("/login").user("orders@nordic-shoes.example").password("portal-demo-2025"))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
	}

	@Test
	void refusesAnUnknownUserTheSameWay() throws Exception {
		this.mvc.perform(formLogin("/login").user("nobody@nordic-shoes.example").password(PASSWORD))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
	}

	@Test
	void refusesALoginWithoutCsrfToken() throws Exception {
		this.mvc.perform(post("/login").param("username", "orders@nordic-shoes.example").param("password", PASSWORD))
			.andExpect(status().isForbidden())
			.andExpect(unauthenticated());
	}

	@Test
	void showsOneGenericMessageAfterAFailedLogin() throws Exception {
		this.mvc.perform(get("/login").param("error", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Incorrect email or password")));
	}

	@Test
	void sendsAnAnonymousRequestToTheLoginPage() throws Exception {
		this.mvc.perform(get("/orders")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void makesAnHtmxRequestWithoutSessionReloadThePage() throws Exception {
		this.mvc.perform(get("/orders").header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Refresh", "true"));
	}

	@Test
	void servesTheStyledLoginPageToAnyone() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Log in to Merchant Portal")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void logsOut() throws Exception {
		this.mvc.perform(logout()).andExpect(redirectedUrl("/login?logout"));
	}

}
