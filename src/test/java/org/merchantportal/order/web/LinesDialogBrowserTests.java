package org.merchantportal.order.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
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

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	@Test
	void theRunningTotalOfTheChosenLinesFollowsTheQuantities() {
		WebDriver browser = this.session.driver();
		OrdersPage orders = LoginPage.open(browser, "http://localhost:" + this.port)
			.logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD)
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
