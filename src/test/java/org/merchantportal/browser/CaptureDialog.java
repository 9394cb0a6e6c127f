package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * "Capture order NS-…": the remaining authorization is filled in.
 */
public class CaptureDialog extends AmountDialog {

	CaptureDialog(WebDriver driver) {
		super(driver, "capture");
	}

	/** E.g. "Remaining authorization: SEK 1,299.00 (captured so far: SEK 0.00)." */
	public String remainingText() {
		return PortalPage.text(body().findElement(By.cssSelector("#dialog-title + p")).getText());
	}

}
