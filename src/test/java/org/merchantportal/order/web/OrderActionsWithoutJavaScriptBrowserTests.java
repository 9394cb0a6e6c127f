package org.merchantportal.order.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.ActionsMenu;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderDetailsPage;
import org.merchantportal.browser.OrderDetailsPage.TimelineEntry;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.merchantportal.browser.RefundDialog;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.merchantportal.browser.Amounts.minor;
import static org.merchantportal.browser.Amounts.plain;
import static org.merchantportal.browser.Amounts.sek;

/**
 * With JavaScript off, the More actions menu is a plain {@code <details>}, its items are
 * links to dialog pages, and their forms post and redirect to the order with a message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderActionsWithoutJavaScriptBrowserTests {

	static final String USER = OrderActionsBrowserTests.USER;

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession browser = BrowserSession.withoutJavaScript();

	WebDriver driver;

	@BeforeEach
	void useBrowser() {
		this.driver = this.browser.driver();
	}

	/** A dialog opened without JavaScript is a page of its own, titled by its h1. */
	@Test
	void aDialogPageIsTitledByItsH1() {
		LoginPage.open(this.driver, baseUrl()).logInAs(USER, OrderActionsBrowserTests.PASSWORD);
		String cancel = this.driver.findElements(By.cssSelector("a[href$='/cancel']")).get(0).getAttribute("href");

		this.driver.get(cancel);

		assertThat(this.driver.findElements(By.cssSelector("h1"))).singleElement()
			.satisfies((h1) -> assertThat(h1.getText()).startsWith("Cancel order"))
			.satisfies((h1) -> assertThat(h1.getAttribute("id")).isEqualTo("dialog-title"));
		assertThat(this.driver.findElements(By.cssSelector("main h2"))).isEmpty();
	}

	@Test
	void cancelsAndRefundsThroughPlainForms() {
		OrdersPage orders = LoginPage.open(this.driver, baseUrl())
			.logInAs(USER, OrderActionsBrowserTests.PASSWORD)
			.filterByStatus("Authorized");
		assertThat(orders.currentQuery()).contains("status=AUTHORIZED");
		OrderRow row = orders.takeFreshRow((candidate) -> true);
		String reference = row.reference();
		String orderId = row.orderId();
		String amount = row.amount();

		ActionsMenu menu = row.moreActions();
		assertThat(menu.button().getTagName()).isEqualTo("summary");
		assertThat(menu.button().getDomAttribute("role")).as("no script upgraded the menu").isNull();
		menu.open();
		assertThat(menu.itemLabels()).containsExactly("Capture…", "Cancel order", "Extend authorization");
		assertThat(menu.link("Cancel order")).isEqualTo("/orders/" + orderId + "/cancel");
		assertThat(menu.link("Capture…")).isEqualTo("/orders/" + orderId + "/captures/new");
		CancelDialog cancel = menu.chooseCancel();
		assertThat(cancel.isModal()).isFalse();
		assertThat(cancel.currentPath()).isEqualTo("/orders/" + orderId + "/cancel");
		assertThat(cancel.heading()).isEqualTo("Cancel order " + reference + "?");
		assertThat(cancel.effect()).contains(amount);
		cancel.confirm();

		OrderDetailsPage details = OrderDetailsPage.current(this.driver);
		assertThat(details.currentPath()).as("redirected to the order").isEqualTo("/orders/" + orderId);
		assertThat(details.statusMessage().text())
			.isEqualTo("Order " + reference + " cancelled: " + amount + " released to the customer.");
		assertThat(details.status()).isEqualTo("Cancelled");
		assertThat(details.remaining()).isEqualTo("SEK 0.00");
		assertThat(details.timeline().get(0))
			.isEqualTo(new TimelineEntry("Cancelled, authorization released", amount, null, null, USER));
		assertThat(details.openMoreActions().itemLabels()).containsExactly("No actions available");

		orders = OrdersPage.open(this.driver, baseUrl()).filterByStatus("Captured");
		row = orders.takeFreshRow((candidate) -> candidate.refunded().equals("SEK 0.00")
				&& candidate.captured().equals(candidate.amount()));
		reference = row.reference();
		orderId = row.orderId();
		long captured = minor(row.captured());

		RefundDialog refund = row.openMoreActions().chooseRefund();
		assertThat(refund.currentPath()).isEqualTo("/orders/" + orderId + "/refunds/new");
		assertThat(refund.refundableText())
			.isEqualTo("Refundable: " + sek(captured) + " (captured " + sek(captured) + ", refunded SEK 0.00).");
		assertThat(refund.amount()).isEqualTo(plain(captured));
		refund.confirmExpectingTheDialogBack();
		assertThat(refund.fieldErrors()).containsExactly("Choose a reason for the refund");
		assertThat(refund.amount()).as("what was typed is kept").isEqualTo(plain(captured));
		refund.chooseReason("Returned");
		refund.confirm();

		details = OrderDetailsPage.current(this.driver);
		assertThat(details.currentPath()).isEqualTo("/orders/" + orderId);
		assertThat(details.statusMessage().text()).isEqualTo("Refunded " + sek(captured) + " of order " + reference
				+ ". It can take up to 14 days to reach the customer's bank.");
		assertThat(details.status()).isEqualTo("Captured");
		assertThat(details.refunded()).isEqualTo(sek(captured));
		assertThat(details.refundable()).isEqualTo("SEK 0.00");
		assertThat(details.timeline().get(0))
			.isEqualTo(new TimelineEntry("Refunded", sek(captured), "Returned", null, USER));
		assertThat(details.openMoreActions().itemLabels()).containsExactly("No actions available");
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
