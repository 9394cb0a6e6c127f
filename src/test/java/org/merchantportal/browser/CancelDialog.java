package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * "Cancel order NS-…?": names the order, its amount and what will happen.
 */
public class CancelDialog extends ActionDialog {

	CancelDialog(WebDriver driver) {
		super(driver);
	}

	/** The dialog as it is shown now, e.g. after the keyboard opened it. */
	public static CancelDialog current(WebDriver driver) {
		return new CancelDialog(driver);
	}

	/**
	 * What cancelling will do, e.g. "The order of SEK 1,299.00 for … will be cancelled
	 * …".
	 */
	public String effect() {
		return PortalPage.text(body().findElement(By.cssSelector("#dialog-title + p")).getText());
	}

	public String keepOrderLabel() {
		return PortalPage.text(body().findElement(By.cssSelector(".dialog-close")).getText());
	}

	public String confirmLabel() {
		return PortalPage.text(confirmButton().getText());
	}

}
