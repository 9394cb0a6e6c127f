package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * "Refund order NS-…": the whole refundable amount is filled in; a reason is required,
 * and a note for the reason Other.
 */
public class RefundDialog extends AmountDialog {

	RefundDialog(WebDriver driver) {
		super(driver, "refund");
	}

	/** The dialog as it is shown now, e.g. opened from a menu in another language. */
	public static RefundDialog current(WebDriver driver) {
		return new RefundDialog(driver);
	}

	/** E.g. "Refundable: SEK 1,299.00 (captured SEK 1,299.00, refunded SEK 0.00)." */
	public String refundableText() {
		return PortalPage.text(body().findElement(By.cssSelector(".refundable")).getText());
	}

	/** The reason chosen, by its label; "Choose a reason" when none is. */
	public String reason() {
		return PortalPage.text(reasonSelect().getFirstSelectedOption().getText());
	}

	/** Chooses a reason by its label, e.g. "Returned". */
	public void chooseReason(String label) {
		reasonSelect().selectByVisibleText(label);
	}

	public void enterNote(String note) {
		body().findElement(By.id("refund-note")).sendKeys(note);
	}

	private Select reasonSelect() {
		return new Select(body().findElement(By.id("refund-reason")));
	}

}
