package org.merchantportal.order.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Orders page on a phone (390 x 844): the search box is one line tall under its
 * label, and the first orders show on the first screen.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersOnAPhoneBrowserTests {

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	@Test
	void theSearchBoxIsOneLineUnderItsLabelAndTheFirstOrdersShowOnTheFirstScreen() {
		WebDriver browser = this.session.driver();
		browser.manage().window().setSize(new Dimension(390, 844));
		LoginPage.open(browser, "http://localhost:" + this.port)
			.logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
		Browser.screenshot(browser, Browser.picture("orders-phone.png"));

		Rectangle label = browser.findElement(By.cssSelector("label[for=q]")).getRect();
		Rectangle search = browser.findElement(By.id("q")).getRect();
		Rectangle firstRow = browser.findElement(By.cssSelector("tr.order-row")).getRect();
		int viewport = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight")).intValue();

		assertThat(search.getHeight()).as("the search box's height").isLessThanOrEqualTo(56);
		assertThat(search.getY() - (label.getY() + label.getHeight())).as("from the label to its box").isBetween(0, 12);
		assertThat(firstRow.getY()).as("where the first order starts").isLessThan(viewport * 2 / 3);
	}

	/**
	 * On a phone scrolled down to an order, and on a desktop, the message an action
	 * leaves shows on the screen, and the list stays where it was.
	 */
	@Test
	void theMessageAfterAnActionShowsOnTheScreenAndMovesNothing() {
		WebDriver browser = this.session.driver();
		LoginPage.open(browser, "http://localhost:" + this.port)
			.logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
		for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1400, 900))) {
			browser.manage().window().setSize(size);
			OrdersPage orders = OrdersPage.open(browser, "http://localhost:" + this.port).filterByStatus("Authorized");
			// One further down the list, which the user scrolls to.
			List<String> top = orders.merchantReferences().subList(0, 3);
			OrderRow row = orders.takeFreshRow((candidate) -> !top.contains(candidate.reference()));
			JavascriptExecutor script = (JavascriptExecutor) browser;
			script.executeScript("arguments[0].scrollIntoView({block: 'center'})", row.element());
			Object listBefore = script.executeScript(LIST_TOP);

			CancelDialog cancel = row.openMoreActions().chooseCancel();
			cancel.confirm();
			orders.statusMessage().waitForText("cancelled");

			String screen = size.getWidth() + "x" + size.getHeight();
			Browser.screenshot(browser, Browser.picture("action-message-" + screen + ".png"));
			@SuppressWarnings("unchecked")
			Map<String, Number> message = (Map<String, Number>) script
				.executeScript("const r = document.getElementById('status-message').getBoundingClientRect();"
						+ " return {top: r.top, bottom: r.bottom, height: window.innerHeight};");
			assertThat(message.get("top").doubleValue()).as(screen + ": the message's top").isGreaterThanOrEqualTo(0);
			assertThat(message.get("bottom").doubleValue()).as(screen + ": the message's bottom")
				.isLessThanOrEqualTo(message.get("height").doubleValue());
			assertThat(script.executeScript(LIST_TOP)).as(screen + ": where the list starts on the page")
				.isEqualTo(listBefore);
		}
	}

	/**
	 * An order's lines on a phone: one card each, within the page's width (the table was
	 * 684 px wide in a 308 px box, and its scroll region could not be reached by
	 * keyboard).
	 */
	@Test
	void anOrdersLinesFitAPhoneAsCards() {
		WebDriver browser = this.session.driver();
		browser.manage().window().setSize(new Dimension(390, 844));
		OrdersPage orders = LoginPage.open(browser, "http://localhost:" + this.port)
			.logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
		orders.rows().get(0).openDetails();
		JavascriptExecutor script = (JavascriptExecutor) browser;
		script.executeScript("document.querySelector('table.lines').scrollIntoView()");
		Browser.screenshot(browser, Browser.picture("order-lines-phone.png"));

		@SuppressWarnings("unchecked")
		Map<String, Number> widths = (Map<String, Number>) script
			.executeScript("const box = document.querySelector('#order-details table.lines').parentElement;"
					+ " return {scroll: box.scrollWidth, client: box.clientWidth,"
					+ " page: document.documentElement.scrollWidth, screen: window.innerWidth};");
		assertThat(widths.get("scroll").intValue()).as("the lines' width in their box " + widths)
			.isLessThanOrEqualTo(widths.get("client").intValue());
		assertThat(widths.get("page").intValue()).as("the page's width " + widths)
			.isLessThanOrEqualTo(widths.get("screen").intValue());
		assertThat(browser.findElements(By.cssSelector("#order-details tr.line-row td.line-name"))).isNotEmpty()
			.allSatisfy((name) -> assertThat(name.isDisplayed()).isTrue());
		assertThat(browser.findElements(By.cssSelector("#order-details tr.line-row td[data-label]"))).allSatisfy(
				(cell) -> assertThat(cell.getRect().getX() + cell.getRect().getWidth()).isLessThanOrEqualTo(390));
	}

	/** Where the list of orders starts, in the page (not the screen). */
	private static final String LIST_TOP = "return document.querySelector('table.orders').getBoundingClientRect().top"
			+ " + window.scrollY;";

}
