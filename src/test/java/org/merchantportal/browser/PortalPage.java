package org.merchantportal.browser;

import java.net.URI;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every page of the portal has: a heading, a URL, the status message region, and
 * (with JavaScript) htmx swapping parts of it in place.
 */
public abstract class PortalPage {

	private static final String MARK = "__portalTestDocument";

	protected final WebDriver driver;

	protected PortalPage(WebDriver driver) {
		this.driver = driver;
	}

	public WebDriver driver() {
		return this.driver;
	}

	public String heading() {
		return text(this.driver.findElement(By.tagName("h1")).getText());
	}

	public String title() {
		return this.driver.getTitle();
	}

	public String currentPath() {
		return URI.create(this.driver.getCurrentUrl()).getPath();
	}

	/** The URL's query, decoded, or "" without one. */
	public String currentQuery() {
		String query = URI.create(this.driver.getCurrentUrl()).getQuery();
		return (query != null) ? query : "";
	}

	public StatusMessage statusMessage() {
		return new StatusMessage(this.driver);
	}

	/**
	 * Marks the document now shown, so that {@link #isSameDocument()} can tell later
	 * whether what changed came in place (htmx) or with a page load. JavaScript only.
	 */
	public void markDocument() {
		((JavascriptExecutor) this.driver).executeScript("window." + MARK + " = true;");
	}

	/** Whether the document marked by {@link #markDocument()} is still the one shown. */
	public boolean isSameDocument() {
		return Boolean.TRUE
			.equals(((JavascriptExecutor) this.driver).executeScript("return window." + MARK + " === true;"));
	}

	protected boolean javascript() {
		return Browser.javascriptEnabled(this.driver);
	}

	protected WebDriverWait waiting() {
		return Browser.waitFor(this.driver);
	}

	/** No htmx request is in flight (htmx marks the element that issued one). */
	static ExpectedCondition<Boolean> htmxIdle() {
		return (driver) -> driver.findElements(By.cssSelector(".htmx-request")).isEmpty();
	}

	/** What a person reads: non-breaking spaces as spaces, outer whitespace trimmed. */
	static String text(String text) {
		return (text != null) ? text.replace('\u00a0', ' ').strip() : null;
	}

}
