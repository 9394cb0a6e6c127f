package org.merchantportal.browser;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Orders page, as a person reads it.
 */
public class OrdersPage {

	private final WebDriver driver;

	OrdersPage(WebDriver driver) {
		this.driver = driver;
	}

	public String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	public List<String> merchantReferences() {
		return this.driver.findElements(By.cssSelector("tr.order-row td:nth-child(2) a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public List<String> statuses() {
		return this.driver.findElements(By.cssSelector("tr.order-row .badge[class*=status-]"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public String currentPath() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

}
