package org.merchantportal.security.web;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The portal speaks the browser's language until the user chooses one, and then the
 * user's, on every page and in every later session; a choice it does not speak changes
 * nothing, and the switch sends back only to a page of the portal.
 */
@SpringBootTest
@AutoConfigureMockMvc
class LanguageChoiceTests {

	private static final String PASSWORD = "language-test-password";

	/** The no-break space before the currency, as the rows' HTML writes it. */
	private static final String AMOUNT_IN = "(\u00a0|&nbsp;|&#160;|&#xa0;)";

	@Autowired
	MockMvc mvc;

	@Autowired
	PortalUserRepository users;

	@Autowired
	PasswordEncoder encoder;

	private String username;

	@BeforeEach
	void newUser() {
		long nordic = this.users.findByUsername("orders@nordic-shoes.example").orElseThrow().getMerchantId();
		this.username = "language-" + UUID.randomUUID() + "@nordic-shoes.example";
		this.users.save(new PortalUser(nordic, this.username, this.encoder.encode(PASSWORD), Role.ORDER_MANAGER));
	}

	@Test
	void followsTheBrowserUntilTheUserChoosesAndThenKeepsTheChoice() throws Exception {
		MockHttpSession session = logIn();
		String swedish = page(session, "/orders", "sv-SE,sv;q=0.9,en;q=0.5");
		assertThat(swedish).contains("<html lang=\"sv\"").contains("Ordrar").containsPattern(AMOUNT_IN + "kr<");

		this.mvc
			.perform(post("/account/language").session(session)
				.param("language", "de")
				.param("return", "/orders?status=CAPTURED")
				.with(csrf()))
			.andExpect(redirectedUrl("/orders?status=CAPTURED"));

		String german = page(session, "/orders", "sv-SE,sv;q=0.9");
		assertThat(german).contains("<html lang=\"de\"")
			.contains("Bestellungen")
			.containsPattern(",[0-9]{2}" + AMOUNT_IN + "SEK<");
		assertThat(this.users.findByUsername(this.username).orElseThrow().getLanguage()).isEqualTo(Locale.GERMAN);
		assertThat(page(logIn(), "/orders", "en")).as("a later session").contains("<html lang=\"de\"");
	}

	@Test
	void aLanguageThePortalDoesNotSpeakIsRefusedAndChangesNothing() throws Exception {
		MockHttpSession session = logIn();

		for (String language : new String[] { "fr", "sv-SE", "de; drop table portal_user", "x".repeat(300) }) {
			this.mvc
				.perform(post("/account/language").session(session)
					.param("language", language)
					.param("return", "/orders")
					.with(csrf()))
				.andExpect(status().isBadRequest());
		}
		this.mvc.perform(post("/account/language").session(session).param("language", "de"))
			.andExpect(status().isForbidden());

		assertThat(this.users.findByUsername(this.username).orElseThrow().getLanguage()).isNull();
		assertThat(page(session, "/orders", "en-GB")).contains("<html lang=\"en\"");
	}

	@Test
	void sendsBackOnlyToAPageOfThePortal() throws Exception {
		MockHttpSession session = logIn();
		for (String back : new String[] { "//evil.example/orders", "https://evil.example", "/\\evil.example", "" }) {
			this.mvc
				.perform(post("/account/language").session(session)
					.param("language", "sv")
					.param("return", back)
					.with(csrf()))
				.andExpect(redirectedUrl("/orders"));
		}
	}

	@Test
	void sendsBackToTheSearchAsItWas() throws Exception {
		this.mvc
			.perform(post("/account/language").session(logIn())
				.param("language", "en")
				.param("return", "/orders?q={x}&status=CAPTURED")
				.with(csrf()))
			.andExpect(redirectedUrl("/orders?q={x}&status=CAPTURED"));
	}

	@Test
	void theLoginPageSpeaksTheBrowsersLanguage() throws Exception {
		assertThat(page(null, "/login", "de-AT,de;q=0.9")).contains("<html lang=\"de\"")
			.contains("Im Merchant Portal anmelden");
		assertThat(page(null, "/login", "fr-FR,fr;q=0.9")).as("a language the portal lacks")
			.contains("<html lang=\"en\"")
			.contains("Log in to Merchant Portal");
	}

	private MockHttpSession logIn() throws Exception {
		return (MockHttpSession) this.mvc
			.perform(post("/login").param("username", this.username).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/orders"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	private String page(MockHttpSession session, String path, String acceptLanguage) throws Exception {
		var request = get(path).header("Accept-Language", acceptLanguage);
		if (session != null) {
			request.session(session);
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

}
