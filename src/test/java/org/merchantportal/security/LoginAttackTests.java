package org.merchantportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PasswordPolicy;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.merchant.UserAdministration;
import org.merchantportal.merchant.UserAdministration.Admin;
import org.merchantportal.merchant.UserAdministrationException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Attacks on form login: guessing (ten failures lock the account for 30 minutes, PCI DSS
 * 8.3.4, and while locked even the right password fails), user enumeration (the same
 * answer and about the same time for an unknown user, a wrong password and a locked
 * account), remember-me tokens (there are none), and weak new passwords (12 to 128
 * characters, BCrypt through the delegating encoder).
 */
@AttackTest
class LoginAttackTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	UserAdministration administration;

	@Autowired
	FilterChainProxy filterChainProxy;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	private MvcResult login(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andReturn();
	}

	/** The login page as the browser shows it after the redirect, in the same session. */
	private String pageAfter(MvcResult failure) throws Exception {
		assertThat(failure.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		MockHttpSession session = (MockHttpSession) failure.getRequest().getSession(false);
		var request = get("/login").param("error", "");
		if (session != null) {
			request.session(session);
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	// --- Lockout ------------------------------------------------------------------

	@Test
	void tenFailedLoginsLockTheAccountForThirtyMinutesEvenWhenTheNameIsSpelledDifferently() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		String name = user.getUsername();
		List<String> spellings = List.of(name, name.toUpperCase(), "  " + name + " ",
				Character.toUpperCase(name.charAt(0)) + name.substring(1));
		for (int attempt = 1; attempt <= 9; attempt++) {
			login(spellings.get(attempt % spellings.size()), "wrong-password-" + attempt);
		}
		PortalUser afterNine = this.fixtures.reload(user);
		assertThat(afterNine.getFailedLogins()).isEqualTo(9);
		assertThat(afterNine.getLockedUntil()).as("not locked after nine failures").isNull();

		Instant tenth = Instant.now();
		login(spellings.get(2), "wrong-password-10");
		PortalUser locked = this.fixtures.reload(user);
		assertThat(locked.getLockedUntil()).as("locked until").isNotNull();
		assertThat(Duration.between(tenth, locked.getLockedUntil()).toSeconds()).as("lockout in seconds")
			.isCloseTo(30 * 60, within(60L));

		// While locked, the right password fails too.
		this.mvc.perform(post("/login").param("username", name).param("password", AttackFixtures.PASSWORD).with(csrf()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
		assertThat(this.fixtures.reload(user).getLastLoginAt()).isNull();
	}

	@Test
	void aLockedAccountAWrongPasswordAndAnUnknownUserGetTheSameRedirectAndTheSameMessage() throws Exception {
		PortalUser locked = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		this.fixtures.lock(locked);
		PortalUser disabled = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		this.fixtures.disable(disabled);
		PortalUser active = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);

		List<MvcResult> failures = List.of(login(locked.getUsername(), AttackFixtures.PASSWORD),
				login(disabled.getUsername(), AttackFixtures.PASSWORD), login(active.getUsername(), "wrong-password"),
				login("nobody-" + active.getUsername(), AttackFixtures.PASSWORD),
				login(locked.getUsername(), "wrong-password"));
		List<String> pages = new ArrayList<>();
		for (MvcResult failure : failures) {
			assertThat(failure.getResponse().getStatus()).isEqualTo(302);
			assertThat(failure.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
			pages.add(AttackFixtures.normalize(pageAfter(failure)));
		}
		assertThat(pages.get(0)).contains("Incorrect email or password");
		assertThat(pages).as("the login page after each failure").allMatch(pages.get(0)::equals);
		// And the right password of an active account gets in, so the failures above are
		// the lock's doing.
		this.mvc
			.perform(post("/login").param("username", active.getUsername())
				.param("password", AttackFixtures.PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/orders"))
			.andExpect(authenticated());
	}

	// --- Enumeration by timing
	// ----------------------------------------------------------

	@Test
	void anUnknownUserTakesAboutAsLongToRefuseAsAWrongPassword() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		String unknown = "nobody-" + user.getUsername();
		// Warm up both paths (the dummy hash for unknown users is made on first use).
		login(unknown, "wrong-password");
		login(user.getUsername(), "wrong-password");
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> wrongTimes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			unknownTimes.add(time(() -> login(unknown, "wrong-password-" + System.nanoTime())));
			wrongTimes.add(time(() -> login(user.getUsername(), "wrong-password-" + System.nanoTime())));
		}
		long unknownMedian = median(unknownTimes);
		long wrongMedian = median(wrongTimes);
		double factor = (double) Math.max(unknownMedian, wrongMedian)
				/ Math.max(1, Math.min(unknownMedian, wrongMedian));
		assertThat(factor)
			.as("median refusal of an unknown user %s µs and of a wrong password %s µs", unknownMedian / 1000,
					wrongMedian / 1000)
			.isLessThan(3.0);
		assertThat(this.fixtures.reload(user).getLockedUntil()).as("seven failures do not lock").isNull();
	}

	private long time(ThrowingSupplier action) throws Exception {
		long start = System.nanoTime();
		MvcResult result = action.get();
		long elapsed = System.nanoTime() - start;
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		return elapsed;
	}

	private static long median(List<Long> times) {
		List<Long> sorted = new ArrayList<>(times);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	@FunctionalInterface
	interface ThrowingSupplier {

		MvcResult get() throws Exception;

	}

	// --- Remember-me -----------------------------------------------------------------

	@Test
	void thereIsNoRememberMe() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		MvcResult result = this.mvc
			.perform(post("/login").param("username", user.getUsername())
				.param("password", AttackFixtures.PASSWORD)
				.param("remember-me", "on")
				.param("remember-me", "true")
				.param("_spring_security_remember_me", "on")
				.with(csrf()))
			.andExpect(redirectedUrl("/orders"))
			.andReturn();
		assertThat(result.getResponse().getCookies()).as("cookies set at login")
			.noneMatch((cookie) -> cookie.getName().toLowerCase().contains("remember"));
		assertThat(result.getResponse().getHeaders("Set-Cookie"))
			.noneMatch((h) -> h.toLowerCase().contains("remember"));

		// A remember-me cookie as Spring Security's token services would make it logs no
		// one in.
		long expiry = System.currentTimeMillis() + 3_600_000;
		for (String token : List.of(user.getUsername() + ":" + expiry + ":0123456789abcdef",
				user.getUsername() + ":" + expiry + ":SHA256:0123456789abcdef", "series:token")) {
			String value = Base64.getEncoder().withoutPadding().encodeToString(token.getBytes());
			for (String name : List.of("remember-me", "SPRING_SECURITY_REMEMBER_ME_COOKIE")) {
				this.mvc.perform(get("/orders").cookie(new Cookie(name, value)))
					.andExpect(status().isFound())
					.andExpect(redirectedUrl("/login"))
					.andExpect(unauthenticated());
			}
		}
		for (var chain : this.filterChainProxy.getFilterChains()) {
			for (Filter filter : chain.getFilters()) {
				assertThat(filter).as("a filter of the security chain")
					.isNotInstanceOf(RememberMeAuthenticationFilter.class);
			}
		}
	}

	// --- New passwords ---------------------------------------------------------------

	@Test
	void newPasswordsOutsideTwelveToOneHundredTwentyEightCharactersAreRefused() {
		PortalUser admin = this.fixtures.user(AttackFixtures.NORDIC_ADMIN);
		Admin acting = new Admin(admin.getMerchantId(), admin.getId(), admin.getUsername(), "203.0.113.1");
		List<String> refused = List.of("", "short", "elevenchars", "x".repeat(11), " ".repeat(12), "\t".repeat(20),
				"y".repeat(129), "z".repeat(10_000), "😀".repeat(11), "😀".repeat(129));
		for (String password : refused) {
			long before = this.fixtures.userCount();
			assertThatExceptionOfType(UserAdministrationException.class)
				.as("a password of %s characters", password.codePointCount(0, password.length()))
				.isThrownBy(() -> this.administration.create(acting, newName(), password, Role.VIEWER))
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo("password"));
			assertThat(this.fixtures.userCount()).isEqualTo(before);
		}
		assertThatExceptionOfType(UserAdministrationException.class)
			.isThrownBy(() -> this.administration.create(acting, newName(), null, Role.VIEWER));
		for (String password : List.of("x".repeat(12), "😀".repeat(12), "correct horse battery", "y".repeat(72))) {
			PortalUser created = this.administration.create(acting, newName(), password, Role.VIEWER);
			assertThat(created.getPasswordHash()).as("stored through the delegating encoder with BCrypt")
				.matches("\\{bcrypt[a-z0-9-]*}\\$2[aby]?\\$\\d\\d\\$.{53}")
				.doesNotContain(password);
		}
	}

	/**
	 * The policy promises 12 to 128 characters; BCrypt takes at most 72 bytes. A password
	 * in between must still be accepted (or refused by the policy with its message),
	 * never fail with an exception.
	 */
	@Test
	void everyPasswordThePolicyAcceptsCanBeSetUpTo128Characters() {
		PortalUser admin = this.fixtures.user(AttackFixtures.NORDIC_ADMIN);
		Admin acting = new Admin(admin.getMerchantId(), admin.getId(), admin.getUsername(), "203.0.113.1");
		for (String password : List.of("y".repeat(73), "y".repeat(128), "é".repeat(40), "😀".repeat(19),
				"😀".repeat(128))) {
			assertThat(PasswordPolicy.accepts(password))
				.as("the policy on %s characters", password.codePointCount(0, password.length()))
				.isTrue();
			assertThatCode(() -> this.administration.create(acting, newName(), password, Role.VIEWER))
				.as("creating a user with a password of %s characters (%s UTF-8 bytes), which the policy accepts",
						password.codePointCount(0, password.length()),
						password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
				.doesNotThrowAnyException();
		}
	}

	@Test
	void anAdminCreatingAUserWithALongPasswordGetsAnAnswerNotAServerError() throws Exception {
		String username = newName();
		int status;
		try {
			status = this.mvc
				.perform(post("/users").param("username", username)
					.param("password", "a-long-passphrase-".repeat(5))
					.param("role", "VIEWER")
					.with(csrf())
					.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
				.andReturn()
				.getResponse()
				.getStatus();
		}
		catch (Exception ex) {
			status = 500;
		}
		assertThat(status).as("POST /users with a password of 90 characters (the page says 12 to 128)").isIn(302, 422);
	}

	@Test
	void absurdlyLongCredentialsFailLikeAnyOtherWrongLogin() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		for (String[] credentials : List.of(new String[] { user.getUsername(), "p".repeat(10_000) },
				new String[] { "u".repeat(10_000) + "@x.example", AttackFixtures.PASSWORD },
				new String[] { user.getUsername(), AttackFixtures.PASSWORD + "\u0000" })) {
			this.mvc
				.perform(
						post("/login").param("username", credentials[0]).param("password", credentials[1]).with(csrf()))
				.andExpect(redirectedUrl("/login?error"))
				.andExpect(unauthenticated());
		}
	}

	private static String newName() {
		return "pw-" + java.util.UUID.randomUUID().toString().substring(0, 12) + "@nordic-shoes.example";
	}

}
