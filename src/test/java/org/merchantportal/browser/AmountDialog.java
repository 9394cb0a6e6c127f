package org.merchantportal.browser;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A dialog that acts on an amount or on quantities of lines: Capture… and Refund….
 */
public abstract class AmountDialog extends ActionDialog {

	private final String prefix;

	AmountDialog(WebDriver driver, String prefix) {
		super(driver);
		this.prefix = prefix;
	}

	/** The amount field's label, e.g. "Amount (SEK)". */
	public String amountLabel() {
		return PortalPage.text(body().findElement(By.cssSelector("label[for=" + this.prefix + "-amount]")).getText());
	}

	/** The amount in the field, as typed, e.g. "1299.00". */
	public String amount() {
		return amountField().getDomProperty("value");
	}

	/** Replaces the amount, e.g. with "100.00" for a partial capture or refund. */
	public void enterAmount(String amount) {
		chooseMode("amount");
		WebElement field = amountField();
		field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		field.sendKeys(amount);
	}

	/** Switches to "Lines and quantities". */
	public void chooseByLines() {
		chooseMode("lines");
	}

	/** Sets the quantity of a line in the by-lines mode, by the line's name. */
	public void enterQuantity(String lineName, int quantity) {
		chooseByLines();
		WebElement field = body().findElement(By.cssSelector("input.qty[aria-label='Quantity of " + lineName + "']"));
		field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		field.sendKeys(Integer.toString(quantity));
	}

	/** What the chosen lines come to, as the dialog says while quantities are typed. */
	public String linesTotal() {
		return PortalPage.text(body().findElement(By.cssSelector(".lines-total output")).getText());
	}

	/** Whether the running total of the chosen lines is shown. */
	public boolean showsLinesTotal() {
		return body().findElement(By.cssSelector(".lines-total")).isDisplayed();
	}

	/** The unit price of a line, as its row shows it. */
	public String unitPrice(String lineName) {
		WebElement field = body().findElement(By.cssSelector("input.qty[aria-label='Quantity of " + lineName + "']"));
		return PortalPage.text(field.findElement(By.xpath("ancestor::tr/td[3]")).getText());
	}

	/** The names of the lines the dialog offers. */
	public List<String> lineNames() {
		return body().findElements(By.cssSelector(".mode-lines tbody tr td:first-child"))
			.stream()
			.map((cell) -> PortalPage.text(cell.getText()))
			.toList();
	}

	private void chooseMode(String mode) {
		WebElement radio = body().findElement(By.cssSelector("input[name=mode][value=" + mode + "]"));
		if (!radio.isSelected()) {
			radio.click();
		}
	}

	private WebElement amountField() {
		return body().findElement(By.id(this.prefix + "-amount"));
	}

}
