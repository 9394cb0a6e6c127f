package org.merchantportal.web;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.LoginPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a browser meets is a page of the portal (issue 11): in the layout, with its
 * language, a title, the navigation, one h1 and a way back to the orders; never Spring
 * Boot's "Whitelabel Error Page". A dialog opened without JavaScript is a page too,
 * titled by its h1.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorPagesBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	@Test
	void everyErrorABrowserSeesIsAPortalPageWithAnH1AndAWayBack() {
		WebDriver browser = this.session.driver();
		LoginPage.open(browser, baseUrl()).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);
		String unknownOrder = UUID.randomUUID().toString();

		assertErrorPage(browser, "/users", "forbidden", "You cannot open this page");
		assertErrorPage(browser, "/no-such-page", "not-found", "Page not found");
		assertErrorPage(browser, "/orders/" + unknownOrder + "/refunds", "method",
				"This address does not take that request");
		assertErrorPage(browser, "/orders/" + unknownOrder, "unknown-order", "Order not found");
	}

	/**
	 * An htmx request for HTML that ends in an error gets the problem's message alone,
	 * for the dialog or the results it is swapped into: not a second layout inside the
	 * page. (One that accepts anything gets Spring Boot's JSON error, as before.)
	 */
	@Test
	void anHtmxRequestThatFailsGetsTheMessageWithoutTheLayout() {
		WebDriver browser = this.session.driver();
		LoginPage.open(browser, baseUrl()).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);

		@SuppressWarnings("unchecked")
		List<Object> answer = (List<Object>) ((JavascriptExecutor) browser)
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ " fetch('/no-such-page', {headers: {'HX-Request': 'true', 'Accept': 'text/html'}})"
					+ ".then((r) => r.text().then((body) => done([r.status, body])));");

		assertThat(((Number) answer.get(0)).intValue()).isEqualTo(404);
		String body = (String) answer.get(1);
		assertThat(body).contains("<h2 id=\"dialog-title\">Page not found</h2>")
			.contains("Back to orders")
			.doesNotContain("<html")
			.doesNotContain("topbar")
			.doesNotContain("Whitelabel");
	}

	private void assertErrorPage(WebDriver browser, String path, String name, String heading) {
		for (Dimension size : List.of(new Dimension(1400, 900), new Dimension(390, 844))) {
			browser.manage().window().setSize(size);
			browser.get(baseUrl() + path);

			assertThat(browser.getPageSource()).as(path).doesNotContain("Whitelabel");
			assertThat(browser.findElements(By.tagName("h1"))).as(path)
				.singleElement()
				.satisfies((h1) -> assertThat(h1.getText()).isEqualTo(heading));
			assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(path).isNotBlank();
			assertThat(browser.getTitle()).as(path).contains(heading);
			assertThat(browser.findElements(By.cssSelector("nav.topnav a"))).as(path + ": the navigation").isNotEmpty();
			WebElement back = browser.findElement(By.linkText("Back to orders"));
			assertThat(back.getAttribute("href")).as(path).endsWith("/orders");
			assertThat(back.getRect().getY() + back.getRect().getHeight()).as(path + ": the way back is on screen")
				.isLessThanOrEqualTo(size.getHeight());
			Browser.screenshot(browser,
					Browser.picture("error-" + name + "-" + ((size.getWidth() > 1000) ? "desktop" : "phone") + ".png"));
		}
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
