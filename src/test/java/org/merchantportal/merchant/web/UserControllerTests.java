package org.merchantportal.merchant.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.audit.AuditTrail;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Users page ({@link UserController}) through the whole portal: form login, roles,
 * CSRF, templates and the real database. Users logged in here log in through the login
 * form, as a person would. Changes are made to users of the test's own, so that the demo
 * users stay as they are for every other test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class UserControllerTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	private static final String PASSWORD = "correct horse battery";

	/** Sessions of the demo users, who are never changed here. */
	private static final Map<String, MockHttpSession> DEMO_SESSIONS = new ConcurrentHashMap<>();

	/** In Nordic Shoes' time zone, Europe/Stockholm: CET, or CEST in summer. */
	private static final Pattern LAST_LOGIN = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} CES?T");

	@Autowired
	MockMvc mvc;

	@Autowired
	PortalUserRepository users;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog audit;

	@Autowired
	EntityManager entityManager;

	/** The hash of {@link #PASSWORD}, computed once: BCrypt is slow on purpose. */
	private static String passwordHash;

	// --- The list ----------------------------------------------------------------------

	@Test
	void anAdminSeesEveryUserOfTheirMerchantWithRoleStatusAndLastLoginAndNoneOfAnotherMerchant() throws Exception {
		long nordic = merchantOf("admin@nordic-shoes.example");
		long fjord = merchantOf("admin@fjord-outdoor.example");
		PortalUser neverLoggedIn = newUser(nordic, Role.VIEWER);
		PortalUser disabled = newUser(nordic, Role.ORDER_MANAGER);
		disabled.disable();
		disabled = this.users.save(disabled);
		PortalUser locked = newUser(nordic, Role.VIEWER);
		for (int attempt = 0; attempt < PortalUser.MAX_FAILED_LOGINS; attempt++) {
			locked.recordFailedLogin(Instant.now());
		}
		locked = this.users.save(locked);
		PortalUser returning = newUser(nordic, Role.ORDER_MANAGER);
		logIn(returning.getUsername(), PASSWORD);
		PortalUser foreign = newUser(fjord, Role.VIEWER);
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);

		String page = this.mvc.perform(get("/users").session(admin))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		List<PortalUser> nordicUsers = this.users.findByMerchantIdOrderByUsername(nordic);
		assertThat(nordicUsers).hasSizeGreaterThanOrEqualTo(7);
		assertThat(rowIds(page))
			.containsExactlyInAnyOrderElementsOf(nordicUsers.stream().map((user) -> "user-" + user.getId()).toList());
		for (PortalUser user : nordicUsers) {
			String row = userRow(page, user);
			assertThat(row).as("row of %s", user.getUsername())
				.contains(">" + user.getUsername() + "<")
				.containsPattern("<option value=\"" + user.getRole() + "\" selected=\"selected\">");
		}
		assertThat(text(userRow(page, neverLoggedIn))).contains("Active").endsWith("Never Disable");
		assertThat(text(userRow(page, disabled))).contains("Disabled").doesNotContain("Active").contains("Enable");
		String lockedUntil = DateTimeFormatter.ofPattern("HH:mm z", Locale.ENGLISH)
			.withZone(ZoneId.of("Europe/Stockholm"))
			.format(locked.getLockedUntil());
		assertThat(text(userRow(page, locked))).contains("Locked until " + lockedUntil)
			.contains("Unlock")
			.doesNotContain("Active");
		assertThat(text(userRow(page, returning))).contains("Active").containsPattern(LAST_LOGIN);
		assertThat(text(userRow(page, this.users.findByUsername("admin@nordic-shoes.example").orElseThrow())))
			.contains("You")
			.doesNotContain("Disable");
		assertThat(page).doesNotContain("fjord-outdoor.example")
			.doesNotContain(foreign.getUsername())
			.doesNotContain("id=\"user-" + foreign.getId() + "\"");
	}

	@Test
	void theUsersLinkIsShownToAdminsOnly() throws Exception {
		this.mvc.perform(get("/orders").session(logIn("admin@nordic-shoes.example", DEMO_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/users\"")));
		this.mvc.perform(get("/orders").session(logIn("orders@nordic-shoes.example", DEMO_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("href=\"/users\""))));
	}

	// --- Creating users ----------------------------------------------------------------

	@Test
	void creatingAUserRedirectsToTheUsersPageWithAMessage() throws Exception {
		long nordic = merchantOf("admin@nordic-shoes.example");
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);
		String email = newEmail();

		MvcResult created = this.mvc
			.perform(post("/users").session(admin)
				.with(csrf())
				.param("username", email)
				.param("password", PASSWORD)
				.param("role", "ORDER_MANAGER"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/users"))
			.andExpect(flash().attribute("message", "Created " + email + "."))
			.andReturn();

		PortalUser user = this.users.findByUsername(email).orElseThrow();
		assertThat(user.getMerchantId()).isEqualTo(nordic);
		assertThat(user.getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThat(user.isEnabled()).isTrue();
		assertThat(this.passwordEncoder.matches(PASSWORD, user.getPasswordHash())).isTrue();
		String page = this.mvc.perform(get("/users").session(admin).flashAttrs(created.getFlashMap()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).containsPattern("id=\"status-message\"[^>]*>Created " + Pattern.quote(email) + "\\.<");
		assertThat(text(userRow(page, user))).contains(email).contains("Active").contains("Never");
		logIn(email, PASSWORD);
	}

	static Stream<Arguments> badInput() {
		return Stream.of(Arguments.of("not an email", PASSWORD, "VIEWER", "username", "Enter the user's email address"),
				Arguments.of("", PASSWORD, "VIEWER", "username", "Enter the user's email address"),
				Arguments.of("ADMIN@fjord-outdoor.example", PASSWORD, "ADMIN", "username",
						"This email address already has a login"),
				Arguments.of("viewer@nordic-shoes.example", PASSWORD, "ADMIN", "username",
						"This email address already has a login"),
				Arguments.of(null, "eleven-char", "VIEWER", "password", "Use 12 to 128 characters"),
				Arguments.of(null, "p".repeat(129), "VIEWER", "password", "Use 12 to 128 characters"),
				Arguments.of(null, "", "VIEWER", "password", "Use 12 to 128 characters"),
				Arguments.of(null, PASSWORD, "", "role", "Choose a role"),
				Arguments.of(null, PASSWORD, "SUPERUSER", "role", "Choose a role"),
				Arguments.of(null, PASSWORD, "admin", "role", "Choose a role"),
				Arguments.of(null, PASSWORD, null, "role", "Choose a role"));
	}

	/**
	 * @param username the email address typed, or null for a new one
	 * @param role the role chosen, or null for a form without one
	 */
	@ParameterizedTest(name = "{3}: {4} ({0}, {2})")
	@MethodSource("badInput")
	void badInputAnswers422WithTheMessageAtTheFieldAndCreatesNothing(String username, String password, String role,
			String field, String message) throws Exception {
		long nordic = merchantOf("admin@nordic-shoes.example");
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);
		String email = (username != null) ? username : newEmail();
		int usersBefore = this.users.findByMerchantIdOrderByUsername(nordic).size();
		long usersEverywhereBefore = this.users.count();
		MockHttpServletRequestBuilder request = post("/users").session(admin)
			.with(csrf())
			.param("username", email)
			.param("password", password);
		if (role != null) {
			request.param("role", role);
		}

		String page = this.mvc.perform(request)
			.andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(fieldErrors(page)).containsExactly(Map.entry(field, message));
		if (!field.equals("role")) {
			assertThat(page).containsPattern("id=\"new-" + field + "\"[^>]*aria-invalid=\"true\"");
		}
		assertThat(page).as("the form keeps what was typed, but never the password")
			.contains("value=\"" + HtmlUtils.htmlEscape(email) + "\"");
		if (password.length() >= 5) {
			assertThat(page).doesNotContain(password);
		}
		assertThat(this.users.findByMerchantIdOrderByUsername(nordic)).hasSize(usersBefore);
		assertThat(this.users.count()).isEqualTo(usersEverywhereBefore);
		if (username == null) {
			assertThat(this.users.existsByUsername(email)).isFalse();
			assertThat(AuditTrail.about(this.entityManager, email, 10)).isEmpty();
		}
	}

	@Test
	void aPostWithoutCsrfTokenIsRefusedAndCreatesNothing() throws Exception {
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);
		String email = newEmail();

		this.mvc
			.perform(post("/users").session(admin)
				.param("username", email)
				.param("password", PASSWORD)
				.param("role", "ADMIN"))
			.andExpect(status().isForbidden());

		assertThat(this.users.existsByUsername(email)).isFalse();
	}

	// --- Changing users ----------------------------------------------------------------

	@Test
	void disablingOneselfAnswers409WithTheMessageAndChangesNothing() throws Exception {
		PortalUser me = newMerchantWithAdmins(2).get(0);
		MockHttpSession session = logIn(me.getUsername(), PASSWORD);

		String page = this.mvc.perform(post("/users/{id}/disable", me.getId()).session(session).with(csrf()))
			.andExpect(status().isConflict())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).containsPattern("role=\"alert\"[^>]*>\\s*You cannot disable yourself\\s*<");
		// The page shown again keeps the layout's navigation, language switch and logout.
		assertThat(page).contains("class=\"topnav\"").contains("class=\"languages\"").contains("action=\"/logout\"");
		assertThat(reload(me).isEnabled()).isTrue();
		assertThat(this.audit.recent(me.getMerchantId(), 10)).extracting((event) -> event.getType())
			.containsOnly(AuditEventType.LOGIN_SUCCEEDED);
	}

	@Test
	void demotingOneselfAnswers409WithTheMessageAndChangesNothing() throws Exception {
		PortalUser me = newMerchantWithAdmins(2).get(0);
		MockHttpSession session = logIn(me.getUsername(), PASSWORD);

		this.mvc.perform(post("/users/{id}/role", me.getId()).session(session).with(csrf()).param("role", "VIEWER"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("You cannot demote yourself")));

		assertThat(reload(me).getRole()).isEqualTo(Role.ADMIN);
	}

	@Test
	void anAdminChangesRoleDisablesEnablesAndUnlocksAnotherUserWithAMessageEachTime() throws Exception {
		List<PortalUser> admins = newMerchantWithAdmins(2);
		PortalUser me = admins.get(0);
		PortalUser other = admins.get(1);
		MockHttpSession session = logIn(me.getUsername(), PASSWORD);

		change(session, "/users/{id}/role", other, "Role changed.", "role", "ORDER_MANAGER");
		assertThat(reload(other).getRole()).isEqualTo(Role.ORDER_MANAGER);
		change(session, "/users/{id}/disable", other, "User disabled: they can no longer log in.");
		assertThat(reload(other).isEnabled()).isFalse();
		change(session, "/users/{id}/enable", other, "User enabled.");
		assertThat(reload(other).isEnabled()).isTrue();
		change(session, "/users/{id}/unlock", other, "User unlocked.");

		assertThat(this.audit.recent(me.getMerchantId(), 4)).allSatisfy((event) -> {
			assertThat(event.getActor()).isEqualTo(me.getUsername());
			assertThat(event.getSubject()).isEqualTo(other.getUsername());
			assertThat(event.getClientAddress()).isEqualTo("127.0.0.1");
		})
			.extracting((event) -> event.getType())
			.containsExactly(AuditEventType.USER_UNLOCKED, AuditEventType.USER_ENABLED, AuditEventType.USER_DISABLED,
					AuditEventType.ROLE_CHANGED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "role", "disable", "enable", "unlock" })
	void anotherMerchantsUserAnswers404LikeAnUnknownOneAndNothingChanges(String change) throws Exception {
		long fjord = merchantOf("admin@fjord-outdoor.example");
		PortalUser foreign = newUser(fjord, Role.ORDER_MANAGER);
		if (change.equals("enable")) {
			foreign.disable();
			foreign = this.users.save(foreign);
		}
		PortalUser before = foreign;
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);

		for (long id : new long[] { foreign.getId(), Long.MAX_VALUE }) {
			this.mvc
				.perform(post("/users/{id}/" + change, id).session(admin).with(csrf()).param("role", Role.ADMIN.name()))
				.andExpect(status().isNotFound())
				.andExpect(content().string(containsString("User not found")))
				.andExpect(content().string(containsString("class=\"topnav\"")))
				.andExpect(content().string(containsString("class=\"languages\"")))
				.andExpect(content().string(not(containsString(before.getUsername()))));
		}

		PortalUser after = reload(foreign);
		assertThat(after.getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThat(after.isEnabled()).isEqualTo(before.isEnabled());
		assertThat(AuditTrail.about(this.entityManager, foreign.getUsername(), 10)).isEmpty();
	}

	// --- Who may use the page ----------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "orders@nordic-shoes.example", "viewer@nordic-shoes.example" })
	void orderManagersAndViewersGet403OnTheUsersPageAndEveryChange(String username) throws Exception {
		long nordic = merchantOf(username);
		PortalUser colleague = newUser(nordic, Role.VIEWER);
		MockHttpSession session = logIn(username, DEMO_PASSWORD);
		String email = newEmail();

		this.mvc.perform(get("/users").session(session)).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/users").session(session)
				.with(csrf())
				.param("username", email)
				.param("password", PASSWORD)
				.param("role", "ADMIN"))
			.andExpect(status().isForbidden());
		for (String change : List.of("role", "disable", "enable", "unlock")) {
			this.mvc
				.perform(post("/users/{id}/" + change, colleague.getId()).session(session)
					.with(csrf())
					.param("role", "ADMIN"))
				.andExpect(status().isForbidden());
		}

		assertThat(this.users.existsByUsername(email)).isFalse();
		PortalUser unchanged = reload(colleague);
		assertThat(unchanged.getRole()).isEqualTo(Role.VIEWER);
		assertThat(unchanged.isEnabled()).isTrue();
		assertThat(AuditTrail.about(this.entityManager, colleague.getUsername(), 10)).isEmpty();
	}

	@Test
	void anonymousRequestsGoToTheLoginPageAndChangeNothing() throws Exception {
		String email = newEmail();

		this.mvc.perform(get("/users")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(
				post("/users").with(csrf()).param("username", email).param("password", PASSWORD).param("role", "ADMIN"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));

		assertThat(this.users.existsByUsername(email)).isFalse();
	}

	// --- Sessions of changed users -----------------------------------------------------

	/**
	 * "They can no longer log in", says the page: a session they opened before must not
	 * carry on either.
	 */
	@Test
	void aUserDisabledDuringTheirSessionCanNoLongerUseIt() throws Exception {
		List<PortalUser> admins = newMerchantWithAdmins(1);
		PortalUser user = newUser(admins.get(0).getMerchantId(), Role.ORDER_MANAGER);
		MockHttpSession theirs = logIn(user.getUsername(), PASSWORD);
		this.mvc.perform(get("/orders").session(theirs)).andExpect(status().isOk());

		change(logIn(admins.get(0).getUsername(), PASSWORD), "/users/{id}/disable", user,
				"User disabled: they can no longer log in.");

		this.mvc.perform(get("/orders").session(theirs))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?ended"));
	}

	/**
	 * An admin demoted by another admin loses the Users page at once, not when their
	 * session ends.
	 */
	@Test
	void anAdminDemotedDuringTheirSessionCanNoLongerManageUsers() throws Exception {
		List<PortalUser> admins = newMerchantWithAdmins(2);
		PortalUser demoted = admins.get(1);
		MockHttpSession theirs = logIn(demoted.getUsername(), PASSWORD);
		this.mvc.perform(get("/users").session(theirs)).andExpect(status().isOk());

		change(logIn(admins.get(0).getUsername(), PASSWORD), "/users/{id}/role", demoted, "Role changed.", "role",
				"VIEWER");

		String email = newEmail();
		int answer = this.mvc
			.perform(post("/users").session(theirs)
				.with(csrf())
				.param("username", email)
				.param("password", PASSWORD)
				.param("role", "ADMIN"))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(this.users.findByUsername(email)).as("a new user created by the demoted admin (answer %d)", answer)
			.isEmpty();
		// Their session ended with the demotion: the POST went back to the login page.
		assertThat(answer).isEqualTo(302);
		this.mvc.perform(get("/users").session(theirs)).andExpect(redirectedUrl("/login"));
	}

	// --- Recent activity ---------------------------------------------------------------

	@Test
	void theRecentActivityTableShowsLoginsAndUserChangesOfTheMerchantOnly() throws Exception {
		long nordic = merchantOf("admin@nordic-shoes.example");
		PortalUser user = newUser(nordic, Role.VIEWER);
		this.mvc
			.perform(post("/login").param("username", user.getUsername())
				.param("password", "not-the-password")
				.with(csrf())
				.with(from("198.51.100.78")))
			.andExpect(unauthenticated());
		logIn(user.getUsername(), PASSWORD, "198.51.100.77");
		PortalUser foreign = newUser(merchantOf("admin@fjord-outdoor.example"), Role.VIEWER);
		logIn(foreign.getUsername(), PASSWORD);
		MockHttpSession admin = logIn("admin@nordic-shoes.example", DEMO_PASSWORD);
		change(admin, "/users/{id}/role", user, "Role changed.", "role", "ORDER_MANAGER");

		String page = this.mvc.perform(get("/users").session(admin))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		List<String> activity = auditRows(page);
		assertThat(activity).anySatisfy((row) -> assertThat(row).contains("Logged in")
			.contains(user.getUsername() + " " + user.getUsername())
			.endsWith("198.51.100.77"));
		assertThat(activity).anySatisfy((row) -> assertThat(row).contains("Failed login")
			.contains(user.getUsername())
			.contains("Wrong email or password")
			.endsWith("198.51.100.78"));
		assertThat(activity).anySatisfy((row) -> assertThat(row).contains("Role changed")
			.contains("admin@nordic-shoes.example " + user.getUsername())
			.contains("Viewer → Order manager")
			.endsWith("127.0.0.1"));
		assertThat(activity).first().asString().contains("Role changed");
		assertThat(page).doesNotContain(foreign.getUsername());
	}

	// --- Helpers -----------------------------------------------------------------------

	/**
	 * Logs in through the login form and returns the session; a demo user's session is
	 * logged in once and reused, since BCrypt is slow on purpose.
	 */
	private MockHttpSession logIn(String username, String password) throws Exception {
		if (password.equals(DEMO_PASSWORD)) {
			MockHttpSession session = DEMO_SESSIONS.get(username);
			if (session == null) {
				session = logIn(username, password, "127.0.0.1");
				DEMO_SESSIONS.put(username, session);
			}
			return session;
		}
		return logIn(username, password, "127.0.0.1");
	}

	private MockHttpSession logIn(String username, String password, String clientAddress) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/login").param("username", username)
				.param("password", password)
				.with(csrf())
				.with(from(clientAddress)))
			.andExpect(authenticated().withUsername(username))
			.andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	/** Posts a change of the user and expects the redirect to the Users page. */
	private void change(MockHttpSession session, String path, PortalUser user, String message, String... params)
			throws Exception {
		MockHttpServletRequestBuilder request = post(path, user.getId()).session(session).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		this.mvc.perform(request)
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/users"))
			.andExpect(flash().attribute("message", message));
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private long merchantOf(String username) {
		return this.users.findByUsername(username).orElseThrow().getMerchantId();
	}

	/**
	 * A merchant of its own with that many ADMINs, whose password is {@link #PASSWORD}.
	 */
	private List<PortalUser> newMerchantWithAdmins(int admins) {
		long merchant = this.merchants
			.save(new Merchant("Test merchant " + UUID.randomUUID(), Currency.getInstance("EUR")))
			.getId();
		return Stream.generate(() -> newUser(merchant, Role.ADMIN)).limit(admins).toList();
	}

	private PortalUser newUser(long merchantId, Role role) {
		if (passwordHash == null) {
			passwordHash = this.passwordEncoder.encode(PASSWORD);
		}
		return this.users.save(new PortalUser(merchantId, newEmail(), passwordHash, role));
	}

	private static String newEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 13) + "@test-shop.example";
	}

	private PortalUser reload(PortalUser user) {
		return this.users.findById(user.getId()).orElseThrow();
	}

	/** The ids of the user rows, e.g. "user-3". */
	private static List<String> rowIds(String page) {
		return Pattern.compile("<tr class=\"user-row\" id=\"(user-\\d+)\"")
			.matcher(page)
			.results()
			.map((match) -> match.group(1))
			.toList();
	}

	/** The HTML of the user's row in the users table. */
	private static String userRow(String page, PortalUser user) {
		Matcher row = Pattern
			.compile("<tr class=\"user-row\" id=\"user-" + user.getId() + "\">(.*?)</tr>", Pattern.DOTALL)
			.matcher(page);
		assertThat(row.find()).as("a row for %s", user.getUsername()).isTrue();
		return row.group(1);
	}

	/** The rows of the recent activity table, as text. */
	private static List<String> auditRows(String page) {
		return Pattern.compile("<tr class=\"audit-row\">(.*?)</tr>", Pattern.DOTALL)
			.matcher(page)
			.results()
			.map((match) -> text(match.group(1)))
			.toList();
	}

	/** The form's field errors: the field's name, and the message shown under it. */
	private static List<Map.Entry<String, String>> fieldErrors(String page) {
		return Pattern.compile("<div class=\"field[^\"]*\">(.*?)</div>", Pattern.DOTALL)
			.matcher(page)
			.results()
			.map((field) -> field.group(1))
			.filter((field) -> field.contains("class=\"field-error\""))
			.map((field) -> Map.entry(first(field, "name=\"(\\w+)\""),
					HtmlUtils.htmlUnescape(first(field, "class=\"field-error\">(.*?)</p>")).strip()))
			.toList();
	}

	private static String first(String html, String regex) {
		Matcher match = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
		assertThat(match.find()).as("%s in %s", regex, html).isTrue();
		return match.group(1);
	}

	/**
	 * What a person reads of some HTML: tags dropped, entities decoded, spaces collapsed.
	 */
	private static String text(String html) {
		return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", " ")).replaceAll("\\s+", " ").strip();
	}

}
