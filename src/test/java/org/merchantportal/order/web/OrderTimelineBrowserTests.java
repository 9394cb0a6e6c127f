package org.merchantportal.order.web;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OlderEventsPage;
import org.merchantportal.browser.OrderDetailsPage;
import org.merchantportal.browser.OrderDetailsPage.TimelineEntry;
import org.merchantportal.order.Order;
import org.merchantportal.security.AttackFixtures;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of staff reads the long history of an order (120 refunds) in headless
 * Chromium: its page shows the newest fifty events, and "Show older events" adds the next
 * fifty below them in place, or opens them as a page of their own without JavaScript,
 * until the first event.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderTimelineBrowserTests {

	private static final int REFUNDS = 120;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Nested
	class WithJavaScript {

		@RegisterExtension
		final BrowserSession browser = BrowserSession.withJavaScript();

		@Test
		void showOlderEventsAppendsTheNextFiftyInPlaceUntilTheFirstEvent() {
			WebDriver driver = this.browser.driver();
			Order order = longHistory();
			LoginPage.open(driver, baseUrl()).logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
			OrderDetailsPage details = OrderDetailsPage.open(driver, baseUrl(), order.getPublicId().toString());
			assertThat(notes(details.timeline())).containsExactlyElementsOf(refunds(120, 71));
			details.markDocument();
			pictures(driver, details, "timeline");

			details.showOlderEvents();

			assertThat(details.isSameDocument()).as("the older events come in place").isTrue();
			assertThat(details.currentPath()).isEqualTo("/orders/" + order.getPublicId());
			assertThat(notes(details.timeline())).containsExactlyElementsOf(refunds(120, 21));
			assertThat(driver.switchTo().activeElement()).as("focus stays on Show older events")
				.isEqualTo(details.olderEventsLink());
			pictures(driver, details, "timeline-older");

			details.showOlderEvents();

			List<TimelineEntry> timeline = details.timeline();
			assertThat(timeline).hasSize(REFUNDS + 2);
			assertThat(notes(timeline.subList(0, REFUNDS))).containsExactlyElementsOf(refunds(120, 1));
			assertThat(timeline.subList(REFUNDS, REFUNDS + 2)).extracting(TimelineEntry::what)
				.containsExactly("Captured", "Order placed and authorized");
			assertThat(details.hasOlderEvents()).isFalse();
			assertThat(details.isSameDocument()).isTrue();
		}

	}

	@Nested
	class WithoutJavaScript {

		@RegisterExtension
		final BrowserSession browser = BrowserSession.withoutJavaScript();

		@Test
		void showOlderEventsOpensThemAsPagesOfTheirOwn() {
			WebDriver driver = this.browser.driver();
			Order order = longHistory();
			LoginPage.open(driver, baseUrl()).logInAs(OrderActionsBrowserTests.USER, OrderActionsBrowserTests.PASSWORD);
			OrderDetailsPage details = OrderDetailsPage.open(driver, baseUrl(), order.getPublicId().toString());
			assertThat(notes(details.timeline())).containsExactlyElementsOf(refunds(120, 71));

			OlderEventsPage older = details.openOlderEvents();

			assertThat(older.currentPath()).isEqualTo("/orders/" + order.getPublicId() + "/timeline");
			assertThat(older.heading()).isEqualTo("Older events of order " + order.getMerchantReference());
			assertThat(notes(older.timeline())).containsExactlyElementsOf(refunds(70, 21));
			Browser.screenshot(driver, Browser.picture("timeline-older-page.png"));

			OlderEventsPage oldest = older.openOlderEvents();

			assertThat(oldest.timeline()).hasSize(22);
			assertThat(notes(oldest.timeline().subList(0, 20))).containsExactlyElementsOf(refunds(20, 1));
			assertThat(oldest.hasOlderEvents()).isFalse();
			assertThat(oldest.backToOrder().currentPath()).isEqualTo("/orders/" + order.getPublicId());
		}

	}

	private Order longHistory() {
		AttackFixtures fixtures = new AttackFixtures(this.context);
		return fixtures.orderWithRefunds(fixtures.nordic(), "NS-H" + AttackFixtures.key().substring(0, 8), REFUNDS, 7);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * Pictures of the end of the timeline, on a laptop and on a phone, e.g.
	 * target/screenshots/timeline-1400.png.
	 */
	private static void pictures(WebDriver driver, OrderDetailsPage details, String name) {
		for (Dimension size : List.of(new Dimension(1400, 900), new Dimension(390, 844))) {
			driver.manage().window().setSize(size);
			((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});",
					details.olderEventsLink());
			Browser.screenshot(driver, Browser.picture(name + "-" + size.getWidth() + ".png"));
		}
		driver.manage().window().setSize(new Dimension(1400, 1000));
	}

	/** "Refund from" down to "Refund to", as the refunds' notes read. */
	private static List<String> refunds(int from, int to) {
		return IntStream.iterate(from, (i) -> i >= to, (i) -> i - 1).mapToObj((i) -> "Refund " + i).toList();
	}

	private static List<String> notes(List<TimelineEntry> timeline) {
		return timeline.stream().map(TimelineEntry::note).toList();
	}

}
