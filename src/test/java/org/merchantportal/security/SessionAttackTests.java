package org.merchantportal.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on sessions, over real HTTP against the embedded Tomcat with cookies handled by
 * hand, since MockMvc has neither cookies nor a servlet container: fixation (a new
 * session id at login, an id chosen by the attacker never adopted), logout (the old
 * cookie is dead), 15 minutes idle (PCI DSS 8.2.8), the cookie's attributes (HttpOnly,
 * SameSite=Lax; Secure when a trusted proxy says the request came over HTTPS is tested in
 * {@link TrustedProxyAttackTests}), and htmx requests on a dead session (HX-Refresh,
 * never the login form swapped into the page).
 */
@AttackTest
class SessionAttackTests {

	private static final String SESSION = "JSESSIONID";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	AttackFixtures fixtures;

	/** When the last {@link #loggedIn()} sent its login. */
	long loggedInAt;

	/** The username of the user {@link #loggedIn()} made last. */
	String lastUser;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	// --- Fixation -------------------------------------------------------------------

	@Test
	void theSessionIdChangesAtLoginAndTheOldOneIsWorthNothing() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		Browser browser = new Browser();
		HttpResponse<String> loginPage = browser.get("/login");
		String before = browser.cookie(SESSION).orElseThrow(() -> new AssertionError("no session before login"));

		HttpResponse<String> login = browser.logIn(user.getUsername(), AttackFixtures.PASSWORD, loginPage.body());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/orders");
		String after = browser.cookie(SESSION).orElseThrow();
		assertThat(after).as("the session id after login").isNotEqualTo(before);

		assertThat(browser.get("/orders").statusCode()).as("with the new session").isEqualTo(200);
		HttpResponse<String> withOld = new Browser().withCookie(SESSION, before).get("/orders");
		assertThat(withOld.statusCode()).as("with the session id from before login").isEqualTo(302);
		// The login page says the session ended (the portal cannot tell a stale id from a
		// timed-out one).
		assertThat(withOld.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
	}

	@Test
	void aSessionIdChosenByAnAttackerIsNeverAdopted() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		String planted = "0123456789ABCDEF0123456789ABCDEF";
		Browser victim = new Browser().withCookie(SESSION, planted);
		HttpResponse<String> loginPage = victim.get("/login");
		victim.logIn(user.getUsername(), AttackFixtures.PASSWORD, loginPage.body());
		assertThat(victim.cookie(SESSION)).isPresent().get().isNotEqualTo(planted);
		assertThat(victim.get("/orders").statusCode()).isEqualTo(200);

		HttpResponse<String> attacker = new Browser().withCookie(SESSION, planted).get("/orders");
		assertThat(attacker.statusCode()).isEqualTo(302);
		assertThat(attacker.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
	}

	// --- Logout and idle timeout ------------------------------------------------------

	@Test
	void afterLogoutTheOldSessionCookieNoLongerWorks() throws Exception {
		Browser browser = loggedIn();
		String session = browser.cookie(SESSION).orElseThrow();
		HttpResponse<String> orders = browser.get("/orders");
		assertThat(orders.statusCode()).isEqualTo(200);

		HttpResponse<String> logout = browser.post("/logout", Map.of("_csrf", AttackFixtures.csrfToken(orders.body())));
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
		assertThat(sessionOf(session)).as("the session on the server after logout").isNull();

		Browser replay = new Browser().withCookie(SESSION, session);
		HttpResponse<String> page = replay.get("/orders");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		HttpResponse<String> fragment = new Browser().withCookie(SESSION, session).get("/orders", "HX-Request", "true");
		assertThat(fragment.headers().firstValue("HX-Refresh")).hasValue("true");
	}

	@Test
	void aSessionEndsAfterFifteenMinutesIdle() throws Exception {
		Browser browser = loggedIn();
		String id = browser.cookie(SESSION).orElseThrow();
		Session session = sessionOf(id);
		assertThat(session).isNotNull();
		awaitEndOfRequest(session, this.loggedInAt);
		assertThat(session.getMaxInactiveInterval()).as("max inactive interval in seconds").isEqualTo(900);

		idle(session, Duration.ofMinutes(14));
		long sent = System.currentTimeMillis();
		assertThat(browser.get("/orders").statusCode()).as("after 14 minutes idle").isEqualTo(200);

		idle(awaitEndOfRequest(session, sent), Duration.ofMinutes(15).plusSeconds(1));
		HttpResponse<String> expired = browser.get("/orders");
		assertThat(expired.statusCode()).as("after 15 minutes idle").isEqualTo(302);
		assertThat(expired.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		assertThat(sessionOf(id)).isNull();
	}

	/**
	 * Tomcat notes the end of a request on its session after the response has gone out:
	 * waits for that, so that it does not undo {@link #idle(Session, Duration)}.
	 */
	private static Session awaitEndOfRequest(Session session, long sent) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 5_000;
		while (System.currentTimeMillis() < deadline) {
			long last = session.getLastAccessedTime();
			// At its end, a request sets both times to the same moment.
			if (last >= sent && last == session.getThisAccessedTime()) {
				Thread.sleep(200);
				if (session.getLastAccessedTime() == last && session.getThisAccessedTime() == last) {
					return session;
				}
			}
			Thread.sleep(10);
		}
		throw new AssertionError("The server did not finish the request on the session");
	}

	/** Makes the server believe the session's last request was that long ago. */
	private static void idle(Session session, Duration idle) {
		long then = System.currentTimeMillis() - idle.toMillis();
		ReflectionTestUtils.setField(session, "thisAccessedTime", then);
		ReflectionTestUtils.setField(session, "lastAccessedTime", then);
	}

	private Session sessionOf(String id) throws IOException {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) this.context).getWebServer();
		Context context = (Context) server.getTomcat().getHost().findChildren()[0];
		return context.getManager().findSession(id);
	}

	// --- The cookie ------------------------------------------------------------------

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> loginPage = browser.get("/login");
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		HttpResponse<String> login = browser.logIn(user.getUsername(), AttackFixtures.PASSWORD, loginPage.body());
		for (HttpResponse<String> response : List.of(loginPage, login)) {
			String cookie = sessionCookie(response);
			assertThat(attributes(cookie)).as(cookie).contains("httponly", "samesite=lax").doesNotContain("secure");
		}
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith(SESSION + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie set by " + response.uri()));
	}

	private static List<String> attributes(String setCookie) {
		return java.util.Arrays.stream(setCookie.split(";"))
			.skip(1)
			.map((attribute) -> attribute.strip().toLowerCase(Locale.ROOT))
			.toList();
	}

	// --- htmx on a dead session
	// ---------------------------------------------------------

	@Test
	void anHtmxRequestWithoutAValidSessionGetsHxRefreshAndNeverTheLoginForm() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		for (Browser browser : List.of(new Browser(),
				new Browser().withCookie(SESSION, "DEADBEEFDEADBEEFDEADBEEFDEADBEEF"))) {
			for (String url : List.of("/orders?q=NS", "/orders/" + order.getPublicId(),
					"/orders/" + order.getPublicId() + "/cancel", "/users")) {
				HttpResponse<String> response = browser.get(url, "HX-Request", "true", "HX-Target", "order-results");
				assertThat(response.headers().firstValue("HX-Refresh")).as(url).hasValue("true");
				assertThat(response.statusCode()).as(url).isBetween(400, 499);
				assertThat(response.body()).as(url)
					.doesNotContain("name=\"password\"")
					.doesNotContain("Log in to Merchant Portal")
					.doesNotContain(order.getMerchantReference());
			}
		}
	}

	@Test
	void anHtmxActionPostedOnAnExpiredSessionGetsHxRefreshAndChangesNothing() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		Browser browser = loggedIn();
		HttpResponse<String> dialog = browser.get("/orders/" + order.getPublicId() + "/cancel", "HX-Request", "true");
		assertThat(dialog.statusCode()).isEqualTo(200);
		String token = AttackFixtures.csrfToken(browser.get("/orders").body());
		String key = dialog.body().replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");
		// The session ends (idle timeout) while the dialog is open; htmx still sends the
		// page's token.
		sessionOf(browser.cookie(SESSION).orElseThrow()).expire();
		var before = this.fixtures.snapshot(order.getPublicId());

		HttpResponse<String> response = browser.post("/orders/" + order.getPublicId() + "/cancel",
				Map.of("idempotencyKey", key), "HX-Request", "true", "X-CSRF-TOKEN", token);
		assertThat(this.fixtures.snapshot(order.getPublicId())).isEqualTo(before);
		assertThat(response.body()).doesNotContain("name=\"password\"");
		assertThat(response.headers().firstValue("HX-Refresh"))
			.as("an htmx POST on an expired session (status %s) must make the browser reload to the login page",
					response.statusCode())
			.hasValue("true");
	}

	@Test
	void aPageOrAFormOnATimedOutSessionGoesToTheLoginPageWhichSaysWhy() throws Exception {
		Order order = this.fixtures.order(this.fixtures.nordic(), OrderStatus.AUTHORIZED);
		Browser browser = loggedIn();
		String token = AttackFixtures.csrfToken(browser.get("/orders").body());
		sessionOf(browser.cookie(SESSION).orElseThrow()).expire();
		var before = this.fixtures.snapshot(order.getPublicId());

		// The Cancel… form of a browser without JavaScript, sent after the timeout.
		HttpResponse<String> posted = browser.post("/orders/" + order.getPublicId() + "/cancel",
				Map.of("idempotencyKey",
						"form_" + Long.toString(System.currentTimeMillis() / 1000, 36) + "_" + "0".repeat(32), "_csrf",
						token));

		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
		assertThat(this.fixtures.snapshot(order.getPublicId())).isEqualTo(before);
		HttpResponse<String> login = browser.get("/login?expired");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains(
				"Your session has ended: after 15 minutes without activity the portal logs you out. Log in again.");
		// The login page's new session replaced the timed-out one: logging in works.
		assertThat(browser.logIn(this.lastUser, AttackFixtures.PASSWORD, login.body()).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/orders"));
		String page = browser.get("/orders").body();
		sessionOf(browser.cookie(SESSION).orElseThrow()).expire();

		HttpResponse<String> reopened = browser.get("/orders");

		assertThat(page).contains("<h1>Orders</h1>");
		assertThat(reopened.statusCode()).isEqualTo(302);
		assertThat(reopened.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
	}

	// --- A browser by hand
	// ---------------------------------------------------------------

	private Browser loggedIn() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.ADMIN);
		this.lastUser = user.getUsername();
		Browser browser = new Browser();
		String loginPage = browser.get("/login").body();
		this.loggedInAt = System.currentTimeMillis();
		HttpResponse<String> login = browser.logIn(user.getUsername(), AttackFixtures.PASSWORD, loginPage);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/orders");
		return browser;
	}

	/**
	 * Sends requests to the portal with the cookies it was given, and follows no
	 * redirect.
	 */
	final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		Browser withCookie(String name, String value) {
			this.cookies.put(name, value);
			return this;
		}

		Optional<String> cookie(String name) {
			return Optional.ofNullable(this.cookies.get(name));
		}

		HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
			return send(request(path, headers).GET());
		}

		HttpResponse<String> post(String path, Map<String, String> form, String... headers)
				throws IOException, InterruptedException {
			String body = form.entrySet()
				.stream()
				.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		HttpResponse<String> logIn(String username, String password, String loginPage, String... headers)
				throws IOException, InterruptedException {
			return post("/login",
					Map.of("username", username, "password", password, "_csrf", AttackFixtures.csrfToken(loginPage)),
					headers);
		}

		private HttpRequest.Builder request(String path, String... headers) {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + SessionAttackTests.this.port + path))
				.timeout(Duration.ofSeconds(30));
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			if (!this.cookies.isEmpty()) {
				request.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			return request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String setCookie : response.headers().allValues("Set-Cookie")) {
				String pair = setCookie.split(";", 2)[0];
				String name = pair.substring(0, pair.indexOf('='));
				String value = pair.substring(pair.indexOf('=') + 1);
				boolean deleted = value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0");
				if (deleted) {
					this.cookies.remove(name);
				}
				else {
					this.cookies.put(name, value);
				}
			}
			return response;
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
