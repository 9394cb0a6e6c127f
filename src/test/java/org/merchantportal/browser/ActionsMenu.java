package org.merchantportal.browser;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An order's More actions menu button and its menu, on the Orders page or the order's own
 * page. Without JavaScript it is a plain {@code <details>} whose items are links to
 * dialog pages.
 */
public class ActionsMenu {

	private final WebDriver driver;

	private final String orderId;

	ActionsMenu(WebDriver driver, String orderId) {
		this.driver = driver;
		this.orderId = orderId;
	}

	/** The More actions button (the {@code <summary>}). */
	public WebElement button() {
		return this.driver.findElement(By.id("actions-" + this.orderId));
	}

	public String buttonId() {
		return "actions-" + this.orderId;
	}

	public String buttonText() {
		return PortalPage.text(button().getText());
	}

	public boolean isOpen() {
		return details().getDomAttribute("open") != null && menu().isDisplayed() && isFullyVisible();
	}

	/**
	 * Whether a person sees the whole menu: each of its corners is on screen and shows
	 * the menu, not something on top of it or an ancestor that clips it. Without
	 * JavaScript only Selenium's own (weaker) visibility check is possible.
	 */
	public boolean isFullyVisible() {
		if (!Browser.javascriptEnabled(this.driver)) {
			return menu().isDisplayed();
		}
		return Boolean.TRUE.equals(((JavascriptExecutor) this.driver).executeScript("""
				const menu = arguments[0];
				const box = menu.getBoundingClientRect();
				if (box.width === 0 || box.height === 0) {
					return false;
				}
				const inset = 12; // inside the rounded corners
				const corners = [[box.left + inset, box.top + inset], [box.right - inset, box.top + inset],
						[box.left + inset, box.bottom - inset], [box.right - inset, box.bottom - inset]];
				return corners.every(([x, y]) => {
					const hit = document.elementFromPoint(x, y);
					return hit !== null && menu.contains(hit);
				});
				""", menu()));
	}

	/**
	 * Opens the menu by clicking its button, unless it is open already, and waits until a
	 * person sees all of it.
	 */
	public ActionsMenu open() {
		if (isOpen()) {
			return this;
		}
		WebElement clicked = button();
		clicked.click();
		Browser.waitFor(this.driver)
			.ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "the More actions menu of order " + this.orderId + " to open and show; " + visibility()
					+ (Browser.gone(clicked).apply(this.driver)
							? "; the button clicked was replaced (its row or details re-rendered) after the click"
							: ""))
			.until((driver) -> isOpen());
		return this;
	}

	/** What a person would see of the menu, for assertion messages. */
	public String visibility() {
		return "<details open>: " + (details().getDomAttribute("open") != null) + ", menu displayed: "
				+ menu().isDisplayed() + ", whole menu visible: " + isFullyVisible()
				+ " (an open menu that is displayed but not wholly visible is clipped by an ancestor's overflow)";
	}

	/** The labels of the menu's items, as shown, in order. */
	public List<String> itemLabels() {
		return items().stream().map((item) -> PortalPage.text(item.getText())).toList();
	}

	/** Where the item leads without JavaScript (its href), e.g. "/orders/…/cancel". */
	public String link(String label) {
		return item(label).getDomAttribute("href");
	}

	/** Whether the item is shown but cannot be chosen, like "No actions available". */
	public boolean isDisabled(String label) {
		return "true".equals(item(label).getDomAttribute("aria-disabled"));
	}

	/** The item that has the keyboard focus, if any. */
	public String focusedItem() {
		WebElement focused = this.driver.switchTo().activeElement();
		return items().stream()
			.filter(focused::equals)
			.map((item) -> PortalPage.text(item.getText()))
			.findFirst()
			.orElse(null);
	}

	/** Chooses an item by its label with the mouse, opening the menu if needed. */
	public void choose(String label) {
		open();
		item(label).click();
	}

	public CancelDialog chooseCancel() {
		choose("Cancel order");
		return new CancelDialog(this.driver);
	}

	public CaptureDialog chooseCapture() {
		choose("Capture…");
		return new CaptureDialog(this.driver);
	}

	public RefundDialog chooseRefund() {
		choose("Refund…");
		return new RefundDialog(this.driver);
	}

	public ReleaseDialog chooseRelease() {
		choose("Release remaining authorization");
		return new ReleaseDialog(this.driver);
	}

	private WebElement item(String label) {
		return items().stream()
			.filter((item) -> PortalPage.text(item.getText()).equals(label))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No item \"" + label + "\" in the More actions menu of order "
					+ this.orderId + ": " + itemLabels()));
	}

	private List<WebElement> items() {
		return menu().findElements(By.cssSelector("[role=menuitem]"));
	}

	private WebElement details() {
		return button().findElement(By.xpath(".."));
	}

	private WebElement menu() {
		return details().findElement(By.cssSelector("[role=menu]"));
	}

}
