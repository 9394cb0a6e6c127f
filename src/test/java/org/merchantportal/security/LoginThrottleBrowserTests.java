package org.merchantportal.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrdersPage;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person whose address is being throttled, in headless Chromium with and without
 * JavaScript: logging in shows the login page with the usual message (the answer's 429 is
 * no blank error page), and a minute later the same login gets in. The browser sits
 * behind the trusted proxy: it sends the X-Forwarded-For of a client of its own.
 */
@TrustedProxyTest
class LoginThrottleBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	TestClock clock;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void aThrottledLoginShowsTheLoginPageWithTheUsualMessageAndAMinuteLaterGetsIn(boolean javascript) throws Exception {
		String address = javascript ? "192.0.2.10" : "192.0.2.11";
		AttackFixtures fixtures = new AttackFixtures(this.context);
		PortalUser user = fixtures.newUser(fixtures.nordic(), Role.VIEWER);
		flood(address);

		ChromeDriver browser = (ChromeDriver) Browser.start(javascript);
		this.browsers.add(browser);
		browser.executeCdpCommand("Network.enable", Map.of());
		browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", address)));

		LoginPage refused = LoginPage.open(browser, baseUrl())
			.logInExpectingFailure(user.getUsername(), AttackFixtures.PASSWORD);
		assertThat(refused.heading()).isEqualTo("Log in to Merchant Portal");
		assertThat(refused.error()).isEqualTo("Incorrect email or password, or the account is locked.");
		assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/login");
		assertThat(browser.findElements(By.id("password"))).hasSize(1);

		this.clock.advance(Duration.ofMinutes(1));
		OrdersPage orders = LoginPage.open(browser, baseUrl()).logInAs(user.getUsername(), AttackFixtures.PASSWORD);
		assertThat(orders.heading()).isEqualTo("Orders");
	}

	/** Thirty failed logins from that client address, through the trusted proxy. */
	private void flood(String address) throws Exception {
		RawHttp attacker = new RawHttp(this.port);
		String csrf = AttackFixtures.csrfToken(attacker.get("/login", "X-Forwarded-For", address).body());
		for (int i = 1; i <= 30; i++) {
			RawHttp.Response failed = attacker.post("/login",
					Map.of("username", "nobody-" + i + "@flood.example", "password", "guess", "_csrf", csrf),
					"X-Forwarded-For", address);
			assertThat(failed.location()).isEqualTo("/login?error");
		}
		assertThat(attacker
			.post("/login", Map.of("username", "nobody@flood.example", "password", "guess", "_csrf", csrf),
					"X-Forwarded-For", address)
			.status()).isEqualTo(429);
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
