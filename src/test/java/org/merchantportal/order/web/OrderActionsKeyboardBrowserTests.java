package org.merchantportal.order.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.ActionsMenu;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.Keyboard;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of staff who does not use a mouse cancels an order: every key goes to the
 * focused element, nothing is clicked. The More actions button behaves as a WAI-ARIA menu
 * button.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderActionsKeyboardBrowserTests {

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
	void cancelsAnOrderWithTheKeyboardOnly() {
		Keyboard keyboard = new Keyboard(this.driver);
		LoginPage.open(this.driver, baseUrl())
			.logInWithKeyboardAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
		String reference = OrdersPage.open(this.driver, baseUrl(), "status=AUTHORIZED")
			.takeFreshRow((candidate) -> true)
			.reference();

		OrdersPage orders = OrdersPage.open(this.driver, baseUrl());
		keyboard.tabUntil("the search box", (element) -> "q".equals(element.getDomAttribute("id")));
		WebElement results = orders.results();
		keyboard.type(reference);
		orders.waitForResults(results, "q", reference);
		assertThat(orders.merchantReferences()).containsExactly(reference);
		OrderRow row = orders.row(reference);
		ActionsMenu menu = row.moreActions();

		keyboard.tabUntil("the More actions button of " + reference, (element) -> isButtonOf(menu, element));
		assertThat(keyboard.focused().getDomAttribute("role")).isEqualTo("button");
		assertThat(keyboard.focused().getDomAttribute("aria-haspopup")).isEqualTo("menu");
		assertThat(keyboard.focused().getDomAttribute("aria-expanded")).isEqualTo("false");

		keyboard.press(Keys.ENTER);
		assertThat(menu.isOpen()).as("Enter opens the menu, all of it visible: %s", menu.visibility()).isTrue();
		assertThat(menu.focusedItem()).as("and focuses its first item").isEqualTo("Capture…");
		assertThat(menu.button().getDomAttribute("aria-expanded")).isEqualTo("true");
		assertThat(menu.itemLabels()).containsExactly("Capture…", "Cancel order", "Extend authorization");

		keyboard.press(Keys.ESCAPE);
		assertThat(menu.isOpen()).as("Escape closes the menu").isFalse();
		assertThat(isButtonOf(menu, keyboard.focused()))
			.as("and gives the focus back to the button, not to %s", keyboard.describeFocused())
			.isTrue();
		assertThat(menu.button().getDomAttribute("aria-expanded")).isEqualTo("false");

		keyboard.shiftTab();
		assertThat(keyboard.focused().getText()).as("Shift+Tab goes back to the order's link").isEqualTo(reference);
		keyboard.tab();
		assertThat(isButtonOf(menu, keyboard.focused())).isTrue();

		keyboard.press(Keys.ARROW_DOWN);
		assertThat(menu.isOpen()).as("ArrowDown opens the menu, all of it visible: %s", menu.visibility()).isTrue();
		assertThat(menu.focusedItem()).isEqualTo("Capture…");
		keyboard.press(Keys.ARROW_DOWN);
		assertThat(menu.focusedItem()).isEqualTo("Cancel order");

		keyboard.press(Keys.ENTER);
		CancelDialog cancel = CancelDialog.current(this.driver);
		assertThat(cancel.heading()).isEqualTo("Cancel order " + reference + "?");
		assertThat(keyboard.focused().getText()).as("the dialog focuses the safe choice").isEqualTo("Keep order");
		keyboard.tab();
		WebElement confirm = cancel.confirmButton();
		assertThat(keyboard.focused()).as("Tab reaches the confirm button, not %s", keyboard.describeFocused())
			.isEqualTo(confirm);
		keyboard.press(Keys.ENTER);
		cancel.waitForAnswer(confirm);

		assertThat(cancel.isOpen()).as("the dialog closes").isFalse();
		assertThat(orders.statusMessage().waitForText(reference)).startsWith("Order " + reference + " cancelled");
		assertThat(row.status()).isEqualTo("Cancelled");
		assertThat(isButtonOf(menu, keyboard.focused()))
			.as("the focus goes back to the More actions button, not to %s", keyboard.describeFocused())
			.isTrue();

		keyboard.press(Keys.ENTER);
		assertThat(menu.isOpen()).as("the menu opens, all of it visible: %s", menu.visibility()).isTrue();
		assertThat(menu.itemLabels()).containsExactly("No actions available");
		assertThat(menu.focusedItem()).isEqualTo("No actions available");
		keyboard.press(Keys.ESCAPE);
		assertThat(menu.isOpen()).isFalse();
		assertThat(isButtonOf(menu, keyboard.focused())).isTrue();
	}

	private static boolean isButtonOf(ActionsMenu menu, WebElement element) {
		return menu.buttonId().equals(element.getDomAttribute("id"));
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
