package org.merchantportal.browser;

import java.util.List;

import org.merchantportal.browser.OrderDetailsPage.TimelineEntry;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page of an order's older events that "Show older events" opens without JavaScript:
 * fifty events, a link to the next older ones, and one back to the order.
 */
public class OlderEventsPage extends PortalPage {

	OlderEventsPage(WebDriver driver) {
		super(driver);
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main ol.timeline")));
	}

	/** The events of this page, newest first. */
	public List<TimelineEntry> timeline() {
		return OrderDetailsPage.timelineIn(this.driver.findElement(By.id("main")));
	}

	public boolean hasOlderEvents() {
		return !this.driver.findElements(OrderDetailsPage.OLDER_EVENTS).isEmpty();
	}

	/** Follows "Show older events" to the next older page. */
	public OlderEventsPage openOlderEvents() {
		WebElement link = this.driver.findElement(OrderDetailsPage.OLDER_EVENTS);
		link.click();
		waiting().until(Browser.gone(link));
		return new OlderEventsPage(this.driver);
	}

	/** Follows the breadcrumb back to the order's own page. */
	public OrderDetailsPage backToOrder() {
		WebElement back = this.driver.findElement(By.cssSelector(".breadcrumb a"));
		back.click();
		waiting().until(Browser.gone(back));
		return OrderDetailsPage.current(this.driver);
	}

}
