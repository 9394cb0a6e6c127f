package org.merchantportal.browser;

import java.util.List;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An order's own page: status, amounts, lines, timeline and its More actions menu. After
 * an action htmx replaces the whole details section, so every read finds it again.
 */
public class OrderDetailsPage extends PortalPage {

	private static final By DETAILS = By.id("order-details");

	static final By OLDER_EVENTS = By.cssSelector("ol.timeline > li.timeline-more > a#timeline-older");

	OrderDetailsPage(WebDriver driver) {
		super(driver);
		waiting().until(ExpectedConditions.presenceOfElementLocated(DETAILS));
	}

	public static OrderDetailsPage open(WebDriver driver, String baseUrl, String orderId) {
		driver.get(baseUrl + "/orders/" + orderId);
		return new OrderDetailsPage(driver);
	}

	/** The page as it is now, e.g. after following a link or a redirect. */
	public static OrderDetailsPage current(WebDriver driver) {
		return new OrderDetailsPage(driver);
	}

	/** The order's public id, from the page's URL. */
	public String orderId() {
		return currentPath().substring("/orders/".length());
	}

	/** E.g. "Order NS-10001". */
	public String orderHeading() {
		return text(details().findElement(By.cssSelector("h1 > span:first-child")).getText());
	}

	/** The status as shown, e.g. "Captured". */
	public String status() {
		return text(details().findElement(By.cssSelector("h1 .badge[class*=status-]")).getText());
	}

	public String orderAmount() {
		return amount("amount-order");
	}

	public String captured() {
		return amount("amount-captured");
	}

	public String refunded() {
		return amount("amount-refunded");
	}

	public String remaining() {
		return amount("amount-remaining");
	}

	public String refundable() {
		return amount("amount-refundable");
	}

	/** The timeline as shown so far, newest first. */
	public List<TimelineEntry> timeline() {
		return timelineIn(details());
	}

	/** Whether the timeline ends with a "Show older events" link. */
	public boolean hasOlderEvents() {
		return !details().findElements(OLDER_EVENTS).isEmpty();
	}

	/** The "Show older events" link, e.g. to see where it is or whether it has focus. */
	public WebElement olderEventsLink() {
		return details().findElement(OLDER_EVENTS);
	}

	/**
	 * With JavaScript: clicks "Show older events" and waits for htmx to append the older
	 * events in its place.
	 */
	public OrderDetailsPage showOlderEvents() {
		WebElement link = olderEventsLink();
		link.click();
		waiting().until(Browser.gone(link));
		waiting().until(htmxIdle());
		return this;
	}

	/** Without JavaScript: follows "Show older events" to the page of older events. */
	public OlderEventsPage openOlderEvents() {
		WebElement link = olderEventsLink();
		link.click();
		waiting().until(Browser.gone(link));
		return new OlderEventsPage(this.driver);
	}

	static List<TimelineEntry> timelineIn(WebElement container) {
		return container.findElements(By.cssSelector("ol.timeline > li.timeline-event"))
			.stream()
			.map((event) -> new TimelineEntry(text(event.findElement(By.cssSelector(".event-what strong")).getText()),
					optional(event, ".event-amount"), optional(event, ".event-reason"), optional(event, ".event-note"),
					text(event.findElement(By.cssSelector(".event-actor")).getText())))
			.toList();
	}

	public ActionsMenu moreActions() {
		return new ActionsMenu(this.driver, orderId());
	}

	public ActionsMenu openMoreActions() {
		return moreActions().open();
	}

	/** The details section as shown now, to wait for it to be replaced. */
	public WebElement details() {
		return this.driver.findElement(DETAILS);
	}

	/** Reloads the page, e.g. to see what another window did. */
	public OrderDetailsPage reload() {
		WebElement before = details();
		this.driver.navigate().refresh();
		waiting().until(Browser.gone(before));
		return new OrderDetailsPage(this.driver);
	}

	private String amount(String cssClass) {
		return text(details().findElement(By.cssSelector(".amounts dd." + cssClass)).getText());
	}

	private static String optional(WebElement event, String selector) {
		return event.findElements(By.cssSelector(selector))
			.stream()
			.findFirst()
			.map((element) -> text(element.getText()))
			.orElse(null);
	}

	/**
	 * One event of the timeline as shown.
	 *
	 * @param what e.g. "Refunded"
	 * @param amount e.g. "SEK 100.00", or null
	 * @param reason e.g. "Returned", or null
	 * @param note the note, or null
	 * @param actor who did it, e.g. "orders@nordic-shoes.example"
	 */
	public record TimelineEntry(String what, String amount, String reason, String note, String actor) {

		public Optional<String> optionalNote() {
			return Optional.ofNullable(this.note);
		}

	}

}
