package org.merchantportal.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every element the markup points to exists, as the browser has the page at each step: a
 * skip link's target, a label's input, what names or describes an element
 * (aria-labelledby, aria-describedby, aria-controls). The action dialog is named by its
 * title only while a dialog with one is loaded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MarkupReferencesBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	/** The ids each element's references name that the document does not hold. */
	private static final String DANGLING = """
			const missing = [];
			const check = (element, attribute, ids) => ids.split(/\\s+/).filter((id) => id)
			  .filter((id) => !document.getElementById(id))
			  .forEach((id) => missing.push(element.tagName.toLowerCase() + '[' + attribute + '] -> #' + id));
			for (const attribute of ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']) {
			  document.querySelectorAll('[' + attribute + ']')
			    .forEach((element) => check(element, attribute, element.getAttribute(attribute)));
			}
			document.querySelectorAll('a[href^="#"]').forEach((link) => {
			  if (link.getAttribute('href').length > 1) {
			    check(link, 'href', link.getAttribute('href').substring(1));
			  }
			});
			return missing;
			""";

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	@Test
	void everyIdTheMarkupPointsToExistsOnEveryPageAndInTheOpenDialog() {
		WebDriver browser = this.session.driver();

		LoginPage login = LoginPage.open(browser, baseUrl());
		assertThat(dangling(browser)).as("login page").isEmpty();
		OrdersPage orders = login.logInAs("admin@nordic-shoes.example", DEMO_PASSWORD);
		assertThat(dangling(browser)).as("Orders page").isEmpty();
		assertThat(browser.findElement(By.id("action-dialog")).getAttribute("aria-labelledby"))
			.as("the dialog, before one is loaded")
			.isNull();

		orders.filterByStatus("Authorized");
		CancelDialog cancel = orders.rows().get(0).openMoreActions().chooseCancel();
		assertThat(dangling(browser)).as("the open Cancel dialog").isEmpty();
		assertThat(browser.findElement(By.id("action-dialog")).getAttribute("aria-labelledby"))
			.as("the open dialog is named by its title")
			.isEqualTo("dialog-title");
		assertThat(cancel.heading()).startsWith("Cancel order");
		cancel.close();
		assertThat(dangling(browser)).as("the Orders page after the dialog closed").isEmpty();

		orders.rows().get(0).openDetails();
		assertThat(dangling(browser)).as("order details").isEmpty();
		browser.get(baseUrl() + "/users");
		assertThat(dangling(browser)).as("Users page").isEmpty();
		browser.get(baseUrl() + "/api-credentials");
		assertThat(dangling(browser)).as("API credentials page").isEmpty();
		browser.get(baseUrl() + "/no-such-page");
		assertThat(dangling(browser)).as("an error page").isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<String> dangling(WebDriver browser) {
		return (List<String>) ((JavascriptExecutor) browser).executeScript(DANGLING);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
