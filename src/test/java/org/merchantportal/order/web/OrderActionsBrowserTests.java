package org.merchantportal.order.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.ActionsMenu;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.CaptureDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderDetailsPage;
import org.merchantportal.browser.OrderDetailsPage.TimelineEntry;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.merchantportal.browser.RefundDialog;
import org.merchantportal.browser.ReleaseDialog;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.merchantportal.browser.Amounts.minor;
import static org.merchantportal.browser.Amounts.plain;
import static org.merchantportal.browser.Amounts.sek;

/**
 * A member of Nordic Shoes' staff works through the More actions menu in headless
 * Chromium: cancel, refund, capture and release, with the page updating in place. Each
 * test takes an order no other browser test has touched, since they share the application
 * context and its database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderActionsBrowserTests {

	static final String USER = "orders@nordic-shoes.example";

	static final String PASSWORD = "portal-demo-2026";

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession browser = BrowserSession.withJavaScript();

	WebDriver driver;

	@BeforeEach
	void useBrowser() {
		this.driver = this.browser.driver();
	}

	@Test
	void cancelsAnAuthorizedOrderFoundBySearch() {
		OrdersPage orders = LoginPage.open(this.driver, baseUrl()).logInAs(USER, PASSWORD);
		Browser.screenshot(this.driver, Browser.picture("orders.png"));
		String reference = orders.filterByStatus("Authorized").takeFreshRow((row) -> true).reference();

		orders = OrdersPage.open(this.driver, baseUrl());
		orders.markDocument();
		orders.search(reference);
		assertThat(orders.isSameDocument()).as("the results update without loading a page").isTrue();
		assertThat(orders.currentQuery()).contains("q=" + reference);
		assertThat(orders.merchantReferences()).containsExactly(reference);

		OrderRow row = orders.row(reference);
		assertThat(row.status()).isEqualTo("Authorized");
		String amount = row.amount();
		String customer = row.customer();
		ActionsMenu menu = row.openMoreActions();
		assertThat(menu.itemLabels()).containsExactly("Capture…", "Cancel order", "Extend authorization")
			.doesNotContain("Refund…");

		CancelDialog cancel = menu.chooseCancel();
		assertThat(cancel.isModal()).isTrue();
		assertThat(cancel.heading()).isEqualTo("Cancel order " + reference + "?");
		assertThat(cancel.effect()).contains(amount).contains(customer).contains("cannot be undone");
		assertThat(cancel.keepOrderLabel()).isEqualTo("Keep order");
		assertThat(cancel.confirmLabel()).isEqualTo("Cancel order");
		cancel.confirm();

		assertThat(orders.statusMessage().waitForText(reference))
			.isEqualTo("Order " + reference + " cancelled: " + amount + " released to the customer.");
		assertThat(orders.statusMessage().isShown()).isTrue();
		assertThat(orders.statusMessage().ariaLive()).isEqualTo("polite");
		assertThat(row.status()).isEqualTo("Cancelled");
		assertThat(row.captured()).isEqualTo("SEK 0.00");
		ActionsMenu after = row.openMoreActions();
		assertThat(after.itemLabels()).containsExactly("No actions available");
		assertThat(after.isDisabled("No actions available")).isTrue();
		assertThat(orders.isSameDocument()).as("the row updates without loading a page").isTrue();
		assertThat(orders.currentQuery()).contains("q=" + reference);
	}

	@Test
	void refundsACapturedOrderInPartsOnItsOwnPage() {
		OrdersPage orders = LoginPage.open(this.driver, baseUrl()).logInAs(USER, PASSWORD).filterByStatus("Captured");
		OrderRow row = orders.takeFreshRow((candidate) -> candidate.refunded().equals("SEK 0.00")
				&& candidate.captured().equals(candidate.amount()));
		String reference = row.reference();

		OrderDetailsPage details = row.openDetails();
		assertThat(details.currentPath()).isEqualTo("/orders/" + row.orderId());
		assertThat(details.orderHeading()).isEqualTo("Order " + reference);
		assertThat(details.status()).isEqualTo("Captured");
		long captured = minor(details.captured());
		assertThat(details.orderAmount()).isEqualTo(sek(captured));
		assertThat(details.refunded()).isEqualTo("SEK 0.00");
		assertThat(details.remaining()).isEqualTo("SEK 0.00");
		assertThat(details.refundable()).isEqualTo(sek(captured));
		int events = details.timeline().size();

		ActionsMenu menu = details.openMoreActions();
		assertThat(menu.itemLabels()).containsExactly("Refund…").doesNotContain("Cancel order");
		details.markDocument();
		RefundDialog refund = menu.chooseRefund();
		assertThat(refund.heading()).isEqualTo("Refund order " + reference);
		assertThat(refund.refundableText())
			.isEqualTo("Refundable: " + sek(captured) + " (captured " + sek(captured) + ", refunded SEK 0.00).");
		assertThat(refund.amountLabel()).isEqualTo("Amount (SEK)");
		assertThat(refund.amount()).isEqualTo(plain(captured));
		assertThat(refund.reason()).isEqualTo("Choose a reason");

		long part = captured / 400 * 100;
		refund.enterAmount(plain(part));
		refund.chooseReason("Returned");
		Browser.screenshot(this.driver, Browser.picture("refund-dialog.png"));
		refund.confirm();

		assertThat(details.statusMessage().waitForText(sek(part))).isEqualTo("Refunded " + sek(part) + " of order "
				+ reference + ". It can take up to 14 days to reach the customer's bank.");
		assertThat(details.isSameDocument()).as("the details update without loading a page").isTrue();
		assertThat(details.status()).isEqualTo("Captured");
		assertThat(details.captured()).isEqualTo(sek(captured));
		assertThat(details.refunded()).isEqualTo(sek(part));
		assertThat(details.refundable()).isEqualTo(sek(captured - part));
		List<TimelineEntry> timeline = details.timeline();
		assertThat(timeline).hasSize(events + 1);
		assertThat(timeline.get(0)).isEqualTo(new TimelineEntry("Refunded", sek(part), "Returned", null, USER));

		RefundDialog rest = details.openMoreActions().chooseRefund();
		assertThat(rest.refundableText()).isEqualTo("Refundable: " + sek(captured - part) + " (captured "
				+ sek(captured) + ", refunded " + sek(part) + ").");
		assertThat(rest.amount()).isEqualTo(plain(captured - part));
		rest.chooseReason("Cancelled by customer");
		rest.enterNote("Customer sent back the rest of the order");
		rest.confirm();

		assertThat(details.statusMessage().waitForText(sek(captured - part)))
			.startsWith("Refunded " + sek(captured - part) + " of order " + reference + ".");
		assertThat(details.isSameDocument()).isTrue();
		assertThat(details.status()).isEqualTo("Captured");
		assertThat(details.refunded()).isEqualTo(sek(captured));
		assertThat(details.refundable()).isEqualTo("SEK 0.00");
		timeline = details.timeline();
		assertThat(timeline).hasSize(events + 2);
		assertThat(timeline.subList(0, 2)).containsExactly(
				new TimelineEntry("Refunded", sek(captured - part), "Cancelled by customer",
						"Customer sent back the rest of the order", USER),
				new TimelineEntry("Refunded", sek(part), "Returned", null, USER));
		assertThat(timeline).filteredOn((entry) -> entry.what().equals("Captured"))
			.extracting(TimelineEntry::amount)
			.containsExactly(sek(captured));
		assertThat(details.openMoreActions().itemLabels()).containsExactly("No actions available");
	}

	@Test
	void capturesPartOfAnAuthorizedOrderThenReleasesTheRest() {
		OrdersPage orders = LoginPage.open(this.driver, baseUrl()).logInAs(USER, PASSWORD).filterByStatus("Authorized");
		OrderRow row = orders.takeFreshRow((candidate) -> true);
		String reference = row.reference();
		long amount = minor(row.amount());
		orders.markDocument();

		ActionsMenu menu = row.openMoreActions();
		assertThat(menu.itemLabels()).containsExactly("Capture…", "Cancel order", "Extend authorization");
		Browser.screenshot(this.driver, Browser.picture("more-actions.png"));
		CaptureDialog capture = menu.chooseCapture();
		assertThat(capture.heading()).isEqualTo("Capture order " + reference);
		assertThat(capture.remainingText())
			.isEqualTo("Remaining authorization: " + sek(amount) + " (captured so far: SEK 0.00).");
		assertThat(capture.amount()).isEqualTo(plain(amount));
		long part = amount / 300 * 100;
		capture.enterAmount(plain(part));
		capture.confirm();

		assertThat(orders.statusMessage().waitForText(reference))
			.isEqualTo("Captured " + sek(part) + " of order " + reference + ".");
		assertThat(row.status()).isEqualTo("Part captured");
		assertThat(row.captured()).isEqualTo(sek(part));
		assertThat(row.openMoreActions().itemLabels()).containsExactly("Capture…", "Refund…",
				"Release remaining authorization", "Extend authorization");

		ReleaseDialog release = row.moreActions().chooseRelease();
		assertThat(release.heading()).isEqualTo("Release the remaining authorization of order " + reference + "?");
		assertThat(release.effect()).contains(sek(amount - part)).contains(sek(part));
		release.confirm();

		assertThat(orders.statusMessage().waitForText("Released")).isEqualTo(
				"Released the remaining " + sek(amount - part) + " of order " + reference + "; the order is closed.");
		assertThat(row.status()).isEqualTo("Closed");
		assertThat(row.captured()).isEqualTo(sek(part));
		assertThat(row.refunded()).isEqualTo("SEK 0.00");
		assertThat(row.openMoreActions().itemLabels()).containsExactly("Refund…");
		assertThat(orders.isSameDocument()).as("the row updates without loading a page").isTrue();

		OrderDetailsPage details = row.openDetails();
		assertThat(details.status()).isEqualTo("Closed");
		assertThat(details.orderAmount()).isEqualTo(sek(amount));
		assertThat(details.captured()).isEqualTo(sek(part));
		assertThat(details.remaining()).isEqualTo("SEK 0.00");
		assertThat(details.refundable()).isEqualTo(sek(part));
		assertThat(details.timeline().subList(0, 2)).containsExactly(
				new TimelineEntry("Remaining authorization released", sek(amount - part), null, null, USER),
				new TimelineEntry("Captured", sek(part), null, null, USER));
	}

	@Test
	void refusesToCancelAnOrderCapturedInAnotherWindowMeanwhile() {
		OrdersPage orders = LoginPage.open(this.driver, baseUrl()).logInAs(USER, PASSWORD).filterByStatus("Authorized");
		OrderRow row = orders.takeFreshRow((candidate) -> true);
		String reference = row.reference();
		String orderId = row.orderId();
		String amount = row.amount();
		CancelDialog cancel = row.openMoreActions().chooseCancel();
		String firstWindow = this.driver.getWindowHandle();

		this.driver.switchTo().newWindow(WindowType.WINDOW);
		String secondWindow = this.driver.getWindowHandle();
		OrderDetailsPage other = OrderDetailsPage.open(this.driver, baseUrl(), orderId);
		CaptureDialog capture = other.openMoreActions().chooseCapture();
		assertThat(capture.amount()).isEqualTo(plain(minor(amount)));
		capture.confirm();
		assertThat(other.statusMessage().waitForText(reference)).contains(amount);
		assertThat(other.status()).isEqualTo("Captured");
		int events = other.timeline().size();

		this.driver.switchTo().window(firstWindow);
		cancel.confirmExpectingTheDialogBack();
		assertThat(cancel.refusalCode()).contains("CANCEL_NOT_ALLOWED");
		assertThat(cancel.refusal()).contains("Order has captures: refund it instead");
		assertThat(cancel.canConfirm()).as("no second try offered").isFalse();

		this.driver.switchTo().window(secondWindow);
		other = other.reload();
		assertThat(other.status()).isEqualTo("Captured");
		assertThat(other.captured()).isEqualTo(amount);
		assertThat(other.refunded()).isEqualTo("SEK 0.00");
		assertThat(other.remaining()).isEqualTo("SEK 0.00");
		assertThat(other.timeline()).hasSize(events)
			.extracting(TimelineEntry::what)
			.doesNotContain("Cancelled, authorization released");
		assertThat(other.openMoreActions().itemLabels()).containsExactly("Refund…");
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
