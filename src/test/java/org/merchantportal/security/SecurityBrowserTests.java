package org.merchantportal.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.LoggingBrowser;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderDetailsPage;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.merchantportal.browser.UsersPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's protections as a browser meets them, in headless Chromium: the Content
 * Security Policy refuses nothing the portal itself serves, an htmx request on an ended
 * session takes the whole page to the login page, and an admin's new user logs in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	@LocalServerPort
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	/**
	 * Walks every kind of page and in-place update an admin meets and fails on anything
	 * the browser refused under the Content-Security-Policy (an inline script, a style
	 * attribute, an inline event handler, eval).
	 */
	@Test
	void theContentSecurityPolicyRefusesNothingOnAnyPageOrHtmxUpdate() {
		WebDriver browser = LoggingBrowser.start();
		this.browsers.add(browser);
		List<String> console = new ArrayList<>();

		LoginPage login = LoginPage.open(browser, baseUrl());
		readConsole(browser, "login page", console);
		OrdersPage orders = login.logInAs("admin@nordic-shoes.example", DEMO_PASSWORD);
		readConsole(browser, "Orders page", console);
		orders.search("NS-1");
		orders.filterByStatus("Authorized");
		readConsole(browser, "search and filter (htmx)", console);
		OrderRow row = orders.rows().get(0);
		CancelDialog dialog = row.openMoreActions().chooseCancel();
		assertThat(dialog.heading()).startsWith("Cancel order");
		dialog.close();
		readConsole(browser, "More actions menu and Cancel dialog (htmx)", console);
		OrderDetailsPage details = row.openDetails();
		details.openMoreActions();
		readConsole(browser, "order details page", console);
		UsersPage.open(browser, baseUrl());
		readConsole(browser, "Users page", console);
		browser.get(baseUrl() + "/api-credentials");
		readConsole(browser, "API credentials page", console);
		browser.get(baseUrl() + "/orders/" + UUID.randomUUID());
		readConsole(browser, "order not found page", console);

		// The console is really read: a message logged now shows up.
		((JavascriptExecutor) browser).executeScript("console.error('console-probe')");
		readConsole(browser, "probe", console);
		assertThat(console).as("the browser console, which the test must be able to read")
			.anyMatch((entry) -> entry.contains("console-probe"));
		assertThat(console).as("what the Content-Security-Policy refused")
			.noneMatch(SecurityBrowserTests::isPolicyViolation);
	}

	/**
	 * The session ends on the server (here by a logout from elsewhere, as an idle timeout
	 * would end it); the next search is an htmx request, whose answer must take the whole
	 * page to the login page, not swap the login form into the results.
	 */
	@Test
	void anHtmxSearchOnAnEndedSessionTakesTheWholePageToTheLoginPage() throws Exception {
		WebDriver browser = LoggingBrowser.start();
		this.browsers.add(browser);
		OrdersPage orders = LoginPage.open(browser, baseUrl()).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);
		orders.markDocument();

		endSessionFromElsewhere(browser);
		browser.findElement(By.id("q")).sendKeys("NS-1");

		Browser.waitFor(browser)
			.withMessage(() -> "the login page (URL now " + browser.getCurrentUrl() + ")")
			.until(ExpectedConditions.and(ExpectedConditions.urlMatches("/login$"),
					ExpectedConditions.presenceOfElementLocated(By.id("username"))));
		assertThat(orders.isSameDocument()).as("the Orders page still shown, with something swapped in").isFalse();
		assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/login");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Log in to Merchant Portal");
		assertThat(browser.findElements(By.id("order-results"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("form[action='/login']"))).hasSize(1);

		OrdersPage again = LoginPage.open(browser, baseUrl()).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);
		assertThat(again.heading()).isEqualTo("Orders");
		assertThat(browser.findElements(By.cssSelector("header.topbar"))).as("the whole page, not a fragment")
			.hasSize(1);
	}

	@Test
	void anAdminCreatesAUserOnTheUsersPageWhoThenLogsInInAnotherBrowser() {
		WebDriver adminBrowser = Browser.start();
		this.browsers.add(adminBrowser);
		String email = "new-colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@nordic-shoes.example";
		String password = "first-login-" + UUID.randomUUID().toString().substring(0, 8);
		LoginPage.open(adminBrowser, baseUrl()).logInAs("admin@nordic-shoes.example", DEMO_PASSWORD);
		adminBrowser.findElement(By.linkText("Users")).click();
		UsersPage users = UsersPage.current(adminBrowser);

		users = users.createUser(email, password, "Order manager");

		assertThat(users.statusMessage().waitForText("Created")).isEqualTo("Created " + email + ".");
		assertThat(users.fieldErrors()).isEmpty();
		assertThat(users.usernames()).contains(email).noneMatch((name) -> name.endsWith("@fjord-outdoor.example"));
		assertThat(users.role(email)).isEqualTo("Order manager");
		assertThat(users.status(email)).isEqualTo("Active");
		assertThat(users.lastLogin(email)).isEqualTo("Never");
		assertThat(users.activity()).first().asString().contains("User created").contains(email);

		WebDriver newcomersBrowser = Browser.start();
		this.browsers.add(newcomersBrowser);
		OrdersPage orders = LoginPage.open(newcomersBrowser, baseUrl()).logInAs(email, password);
		assertThat(orders.currentPath()).isEqualTo("/orders");
		assertThat(orders.heading()).isEqualTo("Orders");
		assertThat(newcomersBrowser.findElement(By.cssSelector(".account .who")).getText()).isEqualTo(email);
		assertThat(newcomersBrowser.findElements(By.linkText("Users"))).as("the Users link, for admins only").isEmpty();

		users = UsersPage.open(adminBrowser, baseUrl());
		assertThat(users.lastLogin(email)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} CES?T"); // Nordic
																								// Shoes:
																								// Europe/Stockholm
		assertThat(users.activity()).anySatisfy((entry) -> assertThat(entry).contains("Logged in").contains(email));
	}

	/**
	 * Logs the browser's session out with a second client that presents the browser's
	 * session cookie and CSRF token: the server forgets the session, the browser does not
	 * know.
	 */
	private void endSessionFromElsewhere(WebDriver browser) throws Exception {
		Cookie session = browser.manage().getCookieNamed("JSESSIONID");
		assertThat(session).as("the session cookie").isNotNull();
		String csrfHeader = browser.findElement(By.cssSelector("meta[name=_csrf_header]")).getDomAttribute("content");
		String csrfToken = browser.findElement(By.cssSelector("meta[name=_csrf]")).getDomAttribute("content");
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<Void> logout = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/logout"))
			.header("Cookie", "JSESSIONID=" + session.getValue())
			.header(csrfHeader, csrfToken)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?logout"));
		HttpResponse<Void> after = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/orders"))
			.header("Cookie", "JSESSIONID=" + session.getValue())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(after.statusCode()).as("the old session, after the logout").isEqualTo(302);
	}

	/**
	 * Chromium's words for what the policy blocked: "Refused to …" in older versions,
	 * "Executing inline script violates the following Content Security Policy directive
	 * …" in newer ones.
	 */
	private static boolean isPolicyViolation(String entry) {
		return entry.contains("Content Security Policy") || entry.contains("Refused to")
				|| entry.contains("violates the following");
	}

	/** Adds what the console said since the last read, each entry with where it was. */
	private static void readConsole(WebDriver browser, String where, List<String> console) {
		LoggingBrowser.console(browser).forEach((entry) -> console.add(where + ": " + entry));
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
