package org.merchantportal.security.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Times show in the user's time zone, with the zone named: their merchant's until they
 * choose their own on their account page, in every later session too; a zone not in the
 * list is refused and changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TimeZoneChoiceTests {

	private static final String PASSWORD = "time-zone-test-password";

	@Autowired
	MockMvc mvc;

	@Autowired
	PortalUserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void timesFollowTheMerchantsZoneUntilTheUserChoosesTheirOwn() throws Exception {
		String username = newUser("orders@nordic-shoes.example");
		MockHttpSession session = logIn(username);
		Map<String, Object> order = newestOrder(username);
		Instant created = ((OffsetDateTime) order.get("created_at")).toInstant();

		assertThat(page(session, "/orders")).contains("Date (Europe/Stockholm)");
		assertThat(page(session, "/orders/" + order.get("public_id")))
			.contains(format(created, "yyyy-MM-dd HH:mm z", Locale.ENGLISH, "Europe/Stockholm"));
		assertThat(page(session, "/account"))
			.contains("<option value=\"\" selected=\"selected\">Your merchant&#39;s (Europe/Stockholm)</option>");

		this.mvc.perform(post("/account/time-zone").session(session).param("timeZone", "America/New_York").with(csrf()))
			.andExpect(redirectedUrl("/account"));

		assertThat(this.users.findByUsername(username).orElseThrow().getTimeZone())
			.isEqualTo(ZoneId.of("America/New_York"));
		for (MockHttpSession later : new MockHttpSession[] { session, logIn(username) }) {
			assertThat(page(later, "/orders")).contains("Date (America/New_York)");
			assertThat(page(later, "/orders/" + order.get("public_id")))
				.contains(format(created, "yyyy-MM-dd HH:mm z", Locale.ENGLISH, "America/New_York"));
			assertThat(page(later, "/account")).contains("<option value=\"America/New_York\" selected=\"selected\">");
		}

		this.mvc.perform(post("/account/time-zone").session(session).param("timeZone", "").with(csrf()))
			.andExpect(redirectedUrl("/account"));
		assertThat(this.users.findByUsername(username).orElseThrow().getTimeZone()).as("the merchant's again").isNull();
		assertThat(page(session, "/orders")).contains("Date (Europe/Stockholm)");
	}

	@Test
	void aGermanReaderOfTheBerlinMerchantSeesGermanDatesInBerlinTime() throws Exception {
		String username = newUser("orders@fjord-outdoor.example");
		MockHttpSession session = logIn(username);
		this.mvc.perform(post("/account/language").session(session).param("language", "de").with(csrf()));
		Map<String, Object> order = newestOrder(username);
		Instant created = ((OffsetDateTime) order.get("created_at")).toInstant();

		assertThat(page(session, "/orders")).contains("Datum (Europe/Berlin)");
		assertThat(page(session, "/orders/" + order.get("public_id")))
			.contains(format(created, "dd.MM.yyyy HH:mm z", Locale.GERMAN, "Europe/Berlin"));
	}

	@Test
	void aZoneNotInTheListIsRefusedAndChangesNothing() throws Exception {
		String username = newUser("orders@nordic-shoes.example");
		MockHttpSession session = logIn(username);

		for (String zone : new String[] { "Mars/Olympus_Mons", "GMT+5", "SystemV/EST5", "x".repeat(5000) }) {
			String answer = this.mvc
				.perform(post("/account/time-zone").session(session).param("timeZone", zone).with(csrf()))
				.andExpect(status().isUnprocessableContent())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(answer).as(zone).contains("Choose a time zone from the list.").contains("aria-invalid=\"true\"");
		}
		this.mvc.perform(post("/account/time-zone").session(session).param("timeZone", "Asia/Tokyo"))
			.andExpect(status().isForbidden());

		assertThat(this.users.findByUsername(username).orElseThrow().getTimeZone()).isNull();
		assertThat(page(session, "/orders")).contains("Date (Europe/Stockholm)");
	}

	private String newUser(String colleague) {
		long merchant = this.users.findByUsername(colleague).orElseThrow().getMerchantId();
		String username = "zone-" + UUID.randomUUID() + colleague.substring(colleague.indexOf('@'));
		this.users.save(new PortalUser(merchant, username, this.encoder.encode(PASSWORD), Role.VIEWER));
		return username;
	}

	private Map<String, Object> newestOrder(String username) {
		long merchant = this.users.findByUsername(username).orElseThrow().getMerchantId();
		return this.jdbc.queryForMap("select public_id, created_at from purchase_order where merchant_id = ?"
				+ " order by created_at desc, id desc fetch first 1 rows only", merchant);
	}

	private static String format(Instant moment, String pattern, Locale locale, String zone) {
		return DateTimeFormatter.ofPattern(pattern, locale).withZone(ZoneId.of(zone)).format(moment);
	}

	private MockHttpSession logIn(String username) throws Exception {
		return (MockHttpSession) this.mvc
			.perform(post("/login").param("username", username).param("password", PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/orders"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	private String page(MockHttpSession session, String path) throws Exception {
		return this.mvc.perform(get(path).session(session).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
