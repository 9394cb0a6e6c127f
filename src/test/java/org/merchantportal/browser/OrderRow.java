package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * One order's row on the Orders page. Found again by its id on every read, since htmx
 * replaces the row after an action.
 */
public class OrderRow {

	private final WebDriver driver;

	private final String rowId;

	OrderRow(WebDriver driver, String rowId) {
		this.driver = driver;
		this.rowId = rowId;
	}

	/** The order's public id (a UUID). */
	public String orderId() {
		return this.rowId.substring("order-".length());
	}

	public String reference() {
		return cell(2);
	}

	public String customer() {
		return PortalPage.text(element().findElement(By.cssSelector(".customer-name")).getText());
	}

	public String amount() {
		return cell(5);
	}

	public String captured() {
		return cell(6);
	}

	public String refunded() {
		return cell(7);
	}

	/** The status as shown, e.g. "Authorized", without the "Expires soon" flag. */
	public String status() {
		return PortalPage.text(element().findElement(By.cssSelector(".badge[class*=status-]")).getText());
	}

	public ActionsMenu moreActions() {
		return new ActionsMenu(this.driver, orderId());
	}

	/** Opens the More actions menu with the mouse. */
	public ActionsMenu openMoreActions() {
		return moreActions().open();
	}

	/** Follows the merchant reference to the order's own page. */
	public OrderDetailsPage openDetails() {
		element().findElement(By.cssSelector("a.reference")).click();
		return OrderDetailsPage.current(this.driver);
	}

	/** The row's element as it is now. */
	public WebElement element() {
		return this.driver.findElement(By.id(this.rowId));
	}

	private String cell(int column) {
		return PortalPage.text(element().findElement(By.cssSelector("td:nth-child(" + column + ")")).getText());
	}

	@Override
	public String toString() {
		return "row of order " + this.rowId;
	}

}
