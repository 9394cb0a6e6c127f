package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The page's live region ({@code role=status}) where the portal says what an action did.
 */
public class StatusMessage {

	private static final By REGION = By.cssSelector("#status-message[role=status]");

	private final WebDriver driver;

	StatusMessage(WebDriver driver) {
		this.driver = driver;
	}

	public String text() {
		return PortalPage.text(region().getText());
	}

	public boolean isShown() {
		return region().isDisplayed() && !text().isEmpty();
	}

	/** The region's politeness, so that screen readers announce the message. */
	public String ariaLive() {
		return region().getDomAttribute("aria-live");
	}

	/**
	 * Waits until the region says something containing the given text, and returns it.
	 */
	public String waitForText(String containing) {
		Browser.waitFor(this.driver)
			.withMessage(() -> "status message containing \"" + containing + "\", but it said \"" + text() + "\"")
			.until((driver) -> text().contains(containing));
		return text();
	}

	private WebElement region() {
		return this.driver.findElement(REGION);
	}

}
