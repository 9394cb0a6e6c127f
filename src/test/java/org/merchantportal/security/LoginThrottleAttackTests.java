package org.merchantportal.security;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.security.RawHttp.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A flood of failed logins from one client address, over real HTTP through the trusted
 * proxy (each test's clients are X-Forwarded-For addresses of its own): after 30 failures
 * in a minute, whatever the usernames, the address's attempts are refused with 429,
 * Retry-After and the login page's one generic message, before any password is checked or
 * anything is written; every other address logs in as before; the allowance comes back
 * with time (a clock the test moves); and the per-account lockout still locks an account
 * whose password is guessed from many addresses.
 */
@TrustedProxyTest
class LoginThrottleAttackTests {

	private static final int LIMIT = 30;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestClock clock;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
		assertThat(mockingDetails(this.passwordEncoder).isSpy()).as("the password encoder is watched").isTrue();
	}

	/** A client behind the load balancer, with the login page's CSRF token in hand. */
	private final class Client {

		private final RawHttp http = new RawHttp(LoginThrottleAttackTests.this.port);

		private final String address;

		private String csrf;

		Client(String address) throws IOException {
			this.address = address;
			openLoginPage();
		}

		private void openLoginPage() throws IOException {
			this.csrf = AttackFixtures.csrfToken(this.http.get("/login", "X-Forwarded-For", this.address).body());
		}

		Response logIn(String username, String password, String... headers) throws IOException {
			String[] all = new String[headers.length + 2];
			all[0] = "X-Forwarded-For";
			all[1] = this.address;
			System.arraycopy(headers, 0, all, 2, headers.length);
			Response response = this.http.post("/login",
					Map.of("username", username, "password", password, "_csrf", this.csrf), all);
			if (response.status() == 302 && "/orders".equals(response.location())) {
				openLoginPage(); // a login starts a new session, with a new CSRF token
			}
			return response;
		}

		/** Fails that often with names that do not exist, each refused as usual. */
		void fail(int times) throws IOException {
			for (int i = 1; i <= times; i++) {
				Response failed = logIn("nobody-" + i + "@flood.example", "guess-" + i);
				assertThat(failed.status()).as("failure %s from %s", i, this.address).isEqualTo(302);
				assertThat(failed.location()).isEqualTo("/login?error");
			}
		}

	}

	private long audited(String address, AuditEventType type) {
		return this.jdbc.queryForObject("select count(*) from audit_event where client_address = ? and type = ?",
				Long.class, address, type.name());
	}

	private double refusedSoFar() {
		return this.meters.get("portal.login.throttled").counter().count();
	}

	private static void assertRefused(Response response, String what) {
		assertThat(response.status()).as(what).isEqualTo(429);
		assertThat(response.header("Retry-After")).as("Retry-After of %s", what).hasValueSatisfying((seconds) -> {
			assertThat(Integer.parseInt(seconds)).isBetween(1, 60);
		});
		assertThat(response.body()).as(what).contains("Incorrect email or password").contains("name=\"password\"");
	}

	@Test
	void afterThirtyFailuresAnAddressIsRefusedWith429BeforeAnyPasswordIsCheckedOrAnythingWritten() throws Exception {
		PortalUser victim = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		Client attacker = new Client("203.0.113.10");
		attacker.fail(LIMIT);

		clearInvocations(this.passwordEncoder);
		Map<String, Object> victimBefore = this.fixtures.userSnapshot(victim.getId());
		long failuresAudited = audited(attacker.address, AuditEventType.LOGIN_FAILED);
		double refusedBefore = refusedSoFar();
		for (int i = 1; i <= 50; i++) {
			// Unknown names, the victim's name, and the victim's right password alike.
			String username = (i % 2 == 0) ? victim.getUsername() : "nobody-more-" + i + "@flood.example";
			String password = (i % 5 == 0) ? AttackFixtures.PASSWORD : "guess-more-" + i;
			Response refused = attacker.logIn(username, password);
			assertRefused(refused, "attempt " + (LIMIT + i));
			assertThat(refused.header("Retry-After")).hasValue("2"); // one attempt back
																		// every 2 s
		}

		verify(this.passwordEncoder, never()).matches(any(), anyString());
		assertThat(this.fixtures.userSnapshot(victim.getId())).as("the victim's account, untouched")
			.isEqualTo(victimBefore);
		assertThat(audited(attacker.address, AuditEventType.LOGIN_FAILED)).as("failed logins audited")
			.isEqualTo(failuresAudited);
		assertThat(audited(attacker.address, AuditEventType.LOGIN_THROTTLED)).as("one record of the refusals")
			.isEqualTo(1);
		assertThat(refusedSoFar() - refusedBefore).as("refusals counted in the metrics").isEqualTo(50);
	}

	@Test
	void aRefusedLoginShowsTheLoginPageWithTheSameGenericMessageAsAWrongPasswordAndHtmxIsSentThere() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Client attacker = new Client("203.0.113.11");
		attacker.fail(LIMIT - 1);
		Response wrongPassword = attacker.logIn(user.getUsername(), "wrong-password");
		String failedPage = attacker.http.get(wrongPassword.location(), "X-Forwarded-For", attacker.address).body();

		Response refused = attacker.logIn(user.getUsername(), "wrong-password");
		assertRefused(refused, "the refused login");
		assertThat(AttackFixtures.normalize(refused.body())).isEqualTo(AttackFixtures.normalize(failedPage));

		Response htmx = attacker.logIn(user.getUsername(), "wrong-password", "HX-Request", "true");
		assertRefused(htmx, "an htmx login");
		assertThat(htmx.header("HX-Redirect")).hasValue("/login?error");
	}

	@Test
	void everyOtherAddressBehindTheSameProxyLogsInAsBefore() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Client attacker = new Client("203.0.113.12");
		attacker.fail(LIMIT);
		assertRefused(attacker.logIn(user.getUsername(), AttackFixtures.PASSWORD), "the attacker");

		for (String address : new String[] { "203.0.113.13", "2001:db8:12::1", "127.0.0.1" }) {
			Client neighbour = new Client(address);
			assertThat(neighbour.logIn(user.getUsername(), "wrong-password").location()).as(address)
				.isEqualTo("/login?error");
			Response loggedIn = neighbour.logIn(user.getUsername(), AttackFixtures.PASSWORD);
			assertThat(loggedIn.status()).as(address).isEqualTo(302);
			assertThat(loggedIn.location()).as(address).isEqualTo("/orders");
		}
	}

	@Test
	void theAllowanceComesBackAfterRetryAfterAndWhollyAfterAMinute() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Client client = new Client("203.0.113.14");
		client.fail(LIMIT);
		Response refused = client.logIn(user.getUsername(), AttackFixtures.PASSWORD);
		assertRefused(refused, "the 31st attempt");

		this.clock.advance(Duration.ofSeconds(Long.parseLong(refused.header("Retry-After").orElseThrow())));
		assertThat(client.logIn("nobody@flood.example", "guess").location()).as("after Retry-After")
			.isEqualTo("/login?error");
		assertRefused(client.logIn(user.getUsername(), AttackFixtures.PASSWORD), "right after");

		this.clock.advance(Duration.ofMinutes(1));
		client.fail(LIMIT - 1);
		assertThat(client.logIn(user.getUsername(), AttackFixtures.PASSWORD).location()).as("a minute later")
			.isEqualTo("/orders");
		assertThat(audited(client.address, AuditEventType.LOGIN_THROTTLED)).isEqualTo(1);

		// A second flood, a minute after the first refusal: recorded once more.
		client.fail(1);
		assertRefused(client.logIn(user.getUsername(), "wrong-password"), "the second flood");
		assertThat(audited(client.address, AuditEventType.LOGIN_THROTTLED)).isEqualTo(2);
	}

	@Test
	void successfulLoginsDoNotUseUpTheAllowance() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Client office = new Client("203.0.113.15");
		for (int i = 1; i <= LIMIT + 5; i++) {
			assertThat(office.logIn(user.getUsername(), AttackFixtures.PASSWORD).location()).as("login %s", i)
				.isEqualTo("/orders");
		}
		office.fail(LIMIT);
		assertRefused(office.logIn(user.getUsername(), AttackFixtures.PASSWORD), "after 30 failures");
	}

	@Test
	void theAccountLockoutStillLocksAnAccountGuessedFromManyAddresses() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		for (int i = 1; i <= 10; i++) {
			Client guesser = new Client("203.0.113." + (100 + i));
			assertThat(guesser.logIn(user.getUsername(), "guess-" + i).location()).isEqualTo("/login?error");
		}
		PortalUser locked = this.fixtures.reload(user);
		assertThat(locked.getLockedUntil()).as("locked for 30 minutes from the portal's now")
			.isCloseTo(this.clock.instant().plus(Duration.ofMinutes(30)), within(1, ChronoUnit.MILLIS));

		// Locked, not throttled: the right password from a fresh address fails as usual.
		Response right = new Client("203.0.113.120").logIn(user.getUsername(), AttackFixtures.PASSWORD);
		assertThat(right.status()).isEqualTo(302);
		assertThat(right.location()).isEqualTo("/login?error");
		assertThat(this.fixtures.reload(user).getLastLoginAt()).isNull();
	}

}
