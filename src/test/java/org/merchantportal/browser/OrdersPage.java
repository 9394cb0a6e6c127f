package org.merchantportal.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Orders page, as a person reads and uses it: search, status filter, rows, and each
 * row's More actions menu.
 */
public class OrdersPage extends PortalPage {

	/**
	 * Orders some browser test already took (in this JVM), so that tests sharing one
	 * application context never act on the same order.
	 */
	private static final Set<String> TAKEN = ConcurrentHashMap.newKeySet();

	OrdersPage(WebDriver driver) {
		super(driver);
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("order-results")));
	}

	public static OrdersPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/orders");
		return new OrdersPage(driver);
	}

	/** Opens the Orders page with filters in its URL, e.g. "status=AUTHORIZED". */
	public static OrdersPage open(WebDriver driver, String baseUrl, String query) {
		driver.get(baseUrl + "/orders?" + query);
		return new OrdersPage(driver);
	}

	/** The page as it is now, e.g. after a redirect or a keyboard-only navigation. */
	public static OrdersPage current(WebDriver driver) {
		return new OrdersPage(driver);
	}

	public List<String> merchantReferences() {
		return this.driver.findElements(By.cssSelector("tr.order-row td:nth-child(2) a"))
			.stream()
			.map((link) -> text(link.getText()))
			.toList();
	}

	public List<String> statuses() {
		return this.driver.findElements(By.cssSelector("tr.order-row .badge[class*=status-]"))
			.stream()
			.map((badge) -> text(badge.getText()))
			.toList();
	}

	public String searchText() {
		return searchBox().getDomProperty("value");
	}

	/**
	 * Types into the search box. With JavaScript the results update in place once the
	 * person stops typing (and the URL follows); without, the form is submitted.
	 */
	public OrdersPage search(String text) {
		WebElement results = results();
		WebElement box = searchBox();
		if (!box.getDomProperty("value").isEmpty()) {
			box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		}
		box.sendKeys(text);
		if (!javascript()) {
			box.sendKeys(Keys.ENTER);
		}
		waitForResults(results, "q", text);
		return this;
	}

	/** Chooses a status by its label, e.g. "Authorized"; "All statuses" for none. */
	public OrdersPage filterByStatus(String label) {
		WebElement results = results();
		Select select = new Select(this.driver.findElement(By.id("status")));
		select.selectByVisibleText(label);
		String value = select.getFirstSelectedOption().getDomAttribute("value");
		if (!javascript()) {
			this.driver.findElement(By.cssSelector("#order-filters button[type=submit]")).click();
		}
		waitForResults(results, "status", value);
		return this;
	}

	public List<OrderRow> rows() {
		return this.driver.findElements(By.cssSelector("tr.order-row"))
			.stream()
			.map((row) -> new OrderRow(this.driver, row.getDomAttribute("id")))
			.toList();
	}

	/** The row of the order with this merchant reference, e.g. "NS-10001". */
	public OrderRow row(String reference) {
		return findRow(reference)
			.orElseThrow(() -> new AssertionError("No row for order " + reference + " among " + merchantReferences()));
	}

	public Optional<OrderRow> findRow(String reference) {
		return rows().stream().filter((row) -> row.reference().equals(reference)).findFirst();
	}

	/**
	 * The first row shown that matches and that no other browser test has taken yet, now
	 * taken by the caller.
	 */
	public OrderRow takeFreshRow(Predicate<OrderRow> wanted) {
		for (OrderRow row : rows()) {
			if (!TAKEN.contains(row.reference()) && wanted.test(row) && TAKEN.add(row.reference())) {
				return row;
			}
		}
		throw new AssertionError("No untaken order matches among " + merchantReferences());
	}

	private WebElement searchBox() {
		return this.driver.findElement(By.id("q"));
	}

	/** The results (table and pager) as shown now, to wait for them to be replaced. */
	public WebElement results() {
		return this.driver.findElement(By.id("order-results"));
	}

	/**
	 * Waits until the results shown are those of the URL's new filter (e.g. "q" and
	 * "NS-10001"): swapped in by htmx, or a new page.
	 * @param previous the results shown before, see {@link #results()}
	 */
	public void waitForResults(WebElement previous, String parameter, String value) {
		String expected = parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
		waiting().withMessage(() -> "results for " + expected + " (URL now " + this.driver.getCurrentUrl() + ")")
			.until(ExpectedConditions.and(Browser.gone(previous), ExpectedConditions.urlContains(expected), htmxIdle(),
					ExpectedConditions.presenceOfElementLocated(By.id("order-results"))));
	}

}
