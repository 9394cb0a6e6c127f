package org.merchantportal.browser;

import java.util.function.Predicate;

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A person without a mouse: every key goes to whatever has the focus, nothing is clicked.
 */
public class Keyboard {

	private static final int MAX_TABS = 60;

	private final WebDriver driver;

	public Keyboard(WebDriver driver) {
		this.driver = driver;
	}

	/** The element that has the keyboard focus now. */
	public WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	/** A short description of the focused element, for assertion messages. */
	public String describeFocused() {
		WebElement focused = focused();
		return "<" + focused.getTagName() + " id=\"" + focused.getDomAttribute("id") + "\" class=\""
				+ focused.getDomAttribute("class") + "\">" + PortalPage.text(focused.getText());
	}

	/**
	 * Presses keys (e.g. {@link Keys#ENTER}, {@link Keys#ARROW_DOWN}) on the focused
	 * element.
	 */
	public Keyboard press(CharSequence... keys) {
		new Actions(this.driver).sendKeys(keys).perform();
		return this;
	}

	/** Types text into the focused element. */
	public Keyboard type(String text) {
		return press(text);
	}

	public Keyboard tab() {
		return press(Keys.TAB);
	}

	public Keyboard shiftTab() {
		new Actions(this.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
		return this;
	}

	/**
	 * Presses Tab until the focus is on an element that matches, at most a page's worth
	 * of times.
	 * @return how many times Tab was pressed
	 */
	public int tabUntil(String what, Predicate<WebElement> target) {
		for (int presses = 0; presses <= MAX_TABS; presses++) {
			if (target.test(focused())) {
				return presses;
			}
			tab();
		}
		throw new AssertionError("Tab never reached " + what + "; the focus is on " + describeFocused());
	}

}
