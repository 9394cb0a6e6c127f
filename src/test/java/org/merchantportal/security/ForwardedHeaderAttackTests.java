package org.merchantportal.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Forwarded headers sent straight to a node that names no trusted proxy (the default),
 * over real HTTP from 127.0.0.1, a loopback address that Tomcat used to trust as "a proxy
 * on the private network": X-Forwarded-Host (and a forged Host) never reach a redirect,
 * X-Forwarded-Proto does not make the session cookie Secure, X-Forwarded-For chains do
 * not change the client address in the audit or on the order's timeline, and Forwarded
 * does none of these.
 */
@AttackTest
class ForwardedHeaderAttackTests {

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

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

	/**
	 * What a client that is not a trusted proxy sends to hijack host, scheme and port.
	 */
	private static final List<String[]> HOST_ATTACKS = List.of(new String[] { "X-Forwarded-Host", "evil.example" },
			new String[] { "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port",
					"443" },
			new String[] { "Host", "evil.example" }, new String[] { "Host", "evil.example:8443" },
			new String[] { "Forwarded", "host=evil.example;proto=https" });

	@Test
	void noRedirectCarriesAHostFromTheRequestWhateverHostHeadersAreSent() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		for (String[] attack : HOST_ATTACKS) {
			String name = String.join(" ", attack);
			RawHttp client = new RawHttp(this.port);
			// Not logged in: to the login page, the page asked for saved for later.
			Response toLogin = client.get("/orders/" + order.getPublicId(), attack);
			assertThat(toLogin.status()).as(name).isEqualTo(302);
			assertThat(toLogin.location()).as(name).isEqualTo("/login");

			Response failed = client.logIn(user.getUsername(), "wrong-password", attack);
			assertThat(failed.location()).as(name).isEqualTo("/login?error");

			// Logged in: back to the saved page, by its path alone.
			Response loggedIn = client.logIn(user.getUsername(), AttackFixtures.PASSWORD, attack);
			assertThat(loggedIn.status()).as(name).isEqualTo(302);
			assertThat(loggedIn.location()).as(name).isEqualTo("/orders/" + order.getPublicId() + "?continue");
			Response page = client.get(loggedIn.location(), attack);
			assertThat(page.status()).as(name).isEqualTo(200);

			Response root = client.get("/", attack);
			assertThat(root.location()).as(name).isEqualTo("/orders");

			Response loggedOut = client.post("/logout", Map.of("_csrf", AttackFixtures.csrfToken(page.body())), attack);
			assertThat(loggedOut.location()).as(name).isEqualTo("/login?logout");
		}
	}

	@Test
	void anUntrustedPeerClaimingHttpsGetsNoSecureCookieAndNoHttpsRedirect() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		for (String[] claim : List.of(new String[] { "X-Forwarded-Proto", "https" },
				new String[] { "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443" },
				new String[] { "Forwarded", "proto=https" })) {
			RawHttp client = new RawHttp(this.port);
			Response loginPage = client.get("/login", claim);
			Response login = client.logIn(user.getUsername(), AttackFixtures.PASSWORD, claim);
			for (Response response : List.of(loginPage, login)) {
				assertThat(Response.attributes(response.setCookie("JSESSIONID"))).as(String.join(" ", claim))
					.contains("httponly")
					.doesNotContain("secure");
			}
			assertThat(login.location()).isEqualTo("/orders");
		}
	}

	@Test
	void anUntrustedPeerCannotChooseTheClientAddressOfTheLoginAudit() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		List<String[]> claims = List.of(new String[] { "X-Forwarded-For", "7.7.7.7" },
				new String[] { "X-Forwarded-For", "7.7.7.7, 8.8.8.8" },
				new String[] { "X-Forwarded-For", "7.7.7.7", "X-Forwarded-For", "8.8.8.8" },
				new String[] { "X-Forwarded-For", "127.0.0.1, 7.7.7.7, 127.0.0.1" },
				new String[] { "Forwarded", "for=7.7.7.7" }, new String[] { "Forwarded", "for=\"[2001:db8::7]\"" });
		for (String[] claim : claims) {
			new RawHttp(this.port).logIn(user.getUsername(), "wrong-password", claim);
		}
		new RawHttp(this.port).logIn(user.getUsername(), AttackFixtures.PASSWORD, claims.get(1));
		List<AuditEvent> events = AuditTrail.about(this.entityManager, user.getUsername(), 20);
		assertThat(events).hasSize(claims.size() + 1)
			.allSatisfy((event) -> assertThat(event.getClientAddress()).isEqualTo("127.0.0.1"));
	}

	@Test
	void anUntrustedPeerCannotChooseTheClientAddressOnAnOrdersTimeline() throws Exception {
		PortalUser manager = this.fixtures.newUser(this.fixtures.nordic(), Role.ORDER_MANAGER);
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		String[] claim = { "X-Forwarded-For", "7.7.7.7, 8.8.8.8", "Forwarded", "for=9.9.9.9" };
		RawHttp client = new RawHttp(this.port);
		client.logIn(manager.getUsername(), AttackFixtures.PASSWORD, claim);
		assertThat(cancel(client, order.getPublicId(), claim).status()).isEqualTo(302);

		assertThat(this.fixtures.statusOf(order.getPublicId())).isEqualTo("CANCELLED");
		assertThat(lastEventAddress(this.jdbc, order.getPublicId())).isEqualTo("127.0.0.1");
	}

	/**
	 * Cancels through the Cancel dialog's plain form, as a browser without JavaScript.
	 */
	static Response cancel(RawHttp client, UUID orderId, String... headers) throws Exception {
		Response dialog = client.get("/orders/" + orderId + "/cancel", headers);
		assertThat(dialog.status()).as("the Cancel dialog").isEqualTo(200);
		Matcher key = IDEMPOTENCY_KEY.matcher(dialog.body());
		assertThat(key.find()).as("an idempotency key in the Cancel dialog").isTrue();
		return client.post("/orders/" + orderId + "/cancel",
				Map.of("idempotencyKey", key.group(1), "_csrf", AttackFixtures.csrfToken(dialog.body())), headers);
	}

	static String lastEventAddress(JdbcTemplate jdbc, UUID orderId) {
		return jdbc.queryForObject(
				"select e.client_address from order_event e join purchase_order o "
						+ "on o.id = e.order_id where o.public_id = ? order by e.id desc limit 1",
				String.class, orderId.toString());
	}

}
