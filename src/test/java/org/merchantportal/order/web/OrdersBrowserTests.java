package org.merchantportal.order.web;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of Nordic Shoes' staff logs in through headless Chromium and finds their
 * orders, and only theirs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersBrowserTests {

	@LocalServerPort
	int port;

	WebDriver driver;

	@BeforeEach
	void startBrowser() {
		this.driver = Browser.start();
	}

	@AfterEach
	void quitBrowser() {
		this.driver.quit();
	}

	@Test
	void orderManagerLogsInAndSeesNordicShoesOrdersOnly() {
		LoginPage login = LoginPage.open(this.driver, baseUrl());
		assertThat(login.heading()).isEqualTo("Log in to Merchant Portal");

		OrdersPage orders = login.logInAs("orders@nordic-shoes.example", "portal-demo-2026");

		assertThat(orders.currentPath()).isEqualTo("/orders");
		assertThat(orders.heading()).isEqualTo("Orders");
		assertThat(orders.merchantReferences()).hasSize(OrderController.PAGE_SIZE)
			.allSatisfy((reference) -> assertThat(reference).startsWith("NS-"))
			.noneSatisfy((reference) -> assertThat(reference).startsWith("FO-"));
		assertThat(orders.statuses()).isNotEmpty().allSatisfy((status) -> assertThat(status).matches("[A-Z][a-z ]+"));
		Browser.screenshot(this.driver, Path.of("target", "screenshots", "orders.png"));
	}

	@Test
	void wrongPasswordShowsOneGenericMessage() {
		LoginPage login = LoginPage.open(this.driver, baseUrl())
			.logInExpectingFailure("orders@nordic-shoes.example", "not-the-password");
		assertThat(login.error()).isEqualTo("Incorrect email or password, or the account is locked.");
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
