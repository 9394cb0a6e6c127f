package org.merchantportal.security;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.audit.AuditEvent;
import org.merchantportal.audit.AuditTrail;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.RawHttp.Response;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers with {@code PORTAL_TRUSTED_PROXIES=127.0.0.1}, over real HTTP
 * (Tomcat's RemoteIpValve does not run under MockMvc): from the trusted proxy, the client
 * is the rightmost X-Forwarded-For address that is not a trusted proxy, in the login
 * audit and on the order's timeline, and X-Forwarded-Proto: https makes the session
 * cookie Secure; from 127.0.0.2, a peer beside the proxy, the same headers change
 * nothing. Neither can put a host into a redirect, and Forwarded is believed from nobody.
 */
@TrustedProxyTest
class TrustedProxyAttackTests {

	/** Another peer on the same machine: not the trusted proxy. */
	private static final String UNTRUSTED = "127.0.0.2";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	EntityManager entityManager;

	@Autowired
	JdbcTemplate jdbc;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	private RawHttp throughTheProxy() {
		return new RawHttp(this.port);
	}

	private RawHttp besideTheProxy() {
		return new RawHttp(this.port, UNTRUSTED);
	}

	/** The client address of the newest audit record about that user. */
	private String auditedAddress(PortalUser user) {
		List<AuditEvent> events = AuditTrail.about(this.entityManager, user.getUsername(), 1);
		assertThat(events).as("audit records about %s", user.getUsername()).isNotEmpty();
		return events.get(0).getClientAddress();
	}

	@Test
	void behindTheTrustedProxyTheClientIsTheRightmostForwardedAddressThatIsNoProxy() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		// What nginx sends with proxy_set_header X-Forwarded-For $remote_addr, and what a
		// proxy that appends sends when the client made up the first value itself.
		List<String[]> chains = List.of(new String[] { "198.51.100.20", "198.51.100.20" },
				new String[] { "6.6.6.6, 198.51.100.21", "198.51.100.21" },
				new String[] { "6.6.6.6, 198.51.100.22, 127.0.0.1", "198.51.100.22" },
				new String[] { "6.6.6.6,198.51.100.23 , 127.0.0.1,127.0.0.1", "198.51.100.23" },
				new String[] { "2001:db8::24", "2001:db8::24" });
		for (String[] chain : chains) {
			throughTheProxy().logIn(user.getUsername(), "wrong-password", "X-Forwarded-For", chain[0]);
			assertThat(auditedAddress(user)).as("X-Forwarded-For: %s", chain[0]).isEqualTo(chain[1]);
		}
		// Two header lines are one list, in order.
		throughTheProxy().logIn(user.getUsername(), AttackFixtures.PASSWORD, "X-Forwarded-For", "6.6.6.6",
				"X-Forwarded-For", "198.51.100.25");
		assertThat(auditedAddress(user)).isEqualTo("198.51.100.25");
		// Without the header, the client is the proxy itself.
		throughTheProxy().logIn(user.getUsername(), "wrong-password");
		assertThat(auditedAddress(user)).isEqualTo("127.0.0.1");
	}

	@Test
	void besideTheTrustedProxyForwardedForIsIgnored() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		for (String chain : List.of("198.51.100.30", "6.6.6.6, 198.51.100.31", "198.51.100.32, 127.0.0.1")) {
			besideTheProxy().logIn(user.getUsername(), "wrong-password", "X-Forwarded-For", chain);
			assertThat(auditedAddress(user)).as("X-Forwarded-For: %s", chain).isEqualTo(UNTRUSTED);
		}
	}

	@Test
	void forwardedIsBelievedFromNobodyNotEvenTheTrustedProxy() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		String forwarded = "for=198.51.100.40;proto=https;host=evil.example";
		for (String peer : List.of("127.0.0.1", UNTRUSTED)) {
			Response login = new RawHttp(this.port, peer).logIn(user.getUsername(), AttackFixtures.PASSWORD,
					"Forwarded", forwarded);
			assertThat(login.location()).as("from %s", peer).isEqualTo("/orders");
			assertThat(Response.attributes(login.setCookie("JSESSIONID"))).as("from %s", peer).doesNotContain("secure");
			assertThat(auditedAddress(user)).as("from %s", peer).isEqualTo(peer);
		}
	}

	@Test
	void anOrderActionBehindTheTrustedProxyRecordsTheRealClientAndBesideItThePeer() throws Exception {
		PortalUser manager = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		String[] forwardedFor = { "X-Forwarded-For", "6.6.6.6, 198.51.100.50" };

		Order viaProxy = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		RawHttp client = throughTheProxy();
		client.logIn(manager.getUsername(), AttackFixtures.PASSWORD, forwardedFor);
		assertThat(ForwardedHeaderAttackTests.cancel(client, viaProxy.getPublicId(), forwardedFor).status())
			.isEqualTo(302);
		assertThat(ForwardedHeaderAttackTests.lastEventAddress(this.jdbc, viaProxy.getPublicId()))
			.isEqualTo("198.51.100.50");

		Order beside = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		RawHttp other = besideTheProxy();
		other.logIn(manager.getUsername(), AttackFixtures.PASSWORD, forwardedFor);
		assertThat(ForwardedHeaderAttackTests.cancel(other, beside.getPublicId(), forwardedFor).status())
			.isEqualTo(302);
		assertThat(ForwardedHeaderAttackTests.lastEventAddress(this.jdbc, beside.getPublicId())).isEqualTo(UNTRUSTED);
	}

	@Test
	void theSessionCookieIsSecureWhenTheTrustedProxySaysTheRequestCameOverHttps() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		String[] https = { "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443" };
		RawHttp client = throughTheProxy();
		Response loginPage = client.get("/login", https);
		Response login = client.logIn(user.getUsername(), AttackFixtures.PASSWORD, https);
		for (Response response : List.of(loginPage, login)) {
			assertThat(Response.attributes(response.setCookie("JSESSIONID"))).contains("secure", "httponly",
					"samesite=lax");
		}
		// Relative: the browser stays on the scheme and host it used.
		assertThat(login.location()).isEqualTo("/orders");

		RawHttp other = besideTheProxy();
		Response claimed = other.logIn(user.getUsername(), AttackFixtures.PASSWORD, https);
		assertThat(Response.attributes(claimed.setCookie("JSESSIONID"))).contains("httponly").doesNotContain("secure");
	}

	@Test
	void neitherTheTrustedProxyNorAPeerBesideItCanPutAHostIntoARedirect() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		String[] evil = { "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443",
				"Host", "evil.example" };
		for (RawHttp client : List.of(throughTheProxy(), besideTheProxy())) {
			assertThat(client.get("/orders/" + order.getPublicId(), evil).location()).isEqualTo("/login");
			assertThat(client.logIn(user.getUsername(), "wrong-password", evil).location()).isEqualTo("/login?error");
			assertThat(client.logIn(user.getUsername(), AttackFixtures.PASSWORD, evil).location())
				.isEqualTo("/orders/" + order.getPublicId() + "?continue");
			assertThat(client.get("/", evil).location()).isEqualTo("/orders");
		}
	}

}
