package org.merchantportal.order.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.CaptureDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A capture by lines says what the chosen quantities come to while they are typed, before
 * the user sends it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LinesDialogBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	@LocalServerPort
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@Test
	void theRunningTotalOfTheChosenLinesFollowsTheQuantities() {
		WebDriver browser = Browser.start();
		this.browsers.add(browser);
		OrdersPage orders = LoginPage.open(browser, "http://localhost:" + this.port)
			.logInAs("orders@nordic-shoes.example", DEMO_PASSWORD)
			.filterByStatus("Authorized");
		CaptureDialog capture = orders.takeFreshRow((row) -> true).openMoreActions().chooseCapture();
		capture.chooseByLines();
		String line = capture.lineNames().get(0);

		assertThat(capture.showsLinesTotal()).isTrue();
		assertThat(capture.linesTotal()).isEqualTo("SEK 0.00");
		capture.enterQuantity(line, 1);
		assertThat(capture.linesTotal()).as("one of " + line).isEqualTo(capture.unitPrice(line));
		capture.enterQuantity(line, 0);
		assertThat(capture.linesTotal()).isEqualTo("SEK 0.00");
		Browser.screenshot(browser, Browser.picture("capture-lines-total.png"));
	}

}
