package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * "Release the remaining authorization of order NS-…?".
 */
public class ReleaseDialog extends ActionDialog {

	ReleaseDialog(WebDriver driver) {
		super(driver);
	}

	/** What releasing will do: the amount released and the captured amount that stays. */
	public String effect() {
		return PortalPage.text(body().findElement(By.cssSelector("#dialog-title + p")).getText());
	}

}
