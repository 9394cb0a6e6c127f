package org.merchantportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.ActionsMenu;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (Deque's rules for WCAG 2.0 and 2.1 A and AA, and its best practices) finds
 * nothing on any page of the portal, at desktop and phone sizes: the login page, the
 * Orders page with and without filters, an order's details, the Users, API credentials
 * and account pages, every error page, and the More actions menu and the dialogs open
 * over a page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccessibilityBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	private static final List<String> RULES = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

	private static final List<Dimension> SIZES = List.of(new Dimension(1400, 900), new Dimension(390, 844));

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	private final List<String> violations = new ArrayList<>();

	@Test
	void everyPageAtDesktopAndPhoneSizes() {
		atEachSize((browser, size) -> {
			LoginPage.open(browser, baseUrl());
			check(browser, "the login page", size);
			LoginPage.open(browser, baseUrl()).logInAs("admin@nordic-shoes.example", DEMO_PASSWORD);
			OrderRow first = OrdersPage.current(browser).rows().get(0);
			String order = first.orderId();
			check(browser, "the Orders page", size);
			for (String page : List.of("/orders?status=CAPTURED", "/orders?q=sara", "/orders/" + order, "/users",
					"/api-credentials", "/account", "/no-such-page", "/orders/" + UUID.randomUUID(),
					"/orders/" + order + "/refunds")) {
				browser.get(baseUrl() + page);
				check(browser, page, size);
			}
		});
	}

	@Test
	void theMenuAndTheDialogsOpenOverAPage() {
		atEachSize((browser, size) -> {
			LoginPage.open(browser, baseUrl()).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);
			OrdersPage captured = OrdersPage.open(browser, baseUrl(), "status=CAPTURED");
			OrderRow row = captured.rows()
				.stream()
				.filter((candidate) -> !candidate.refunded().equals(candidate.captured()))
				.findFirst()
				.orElseThrow();
			openMenu(browser, row);
			check(browser, "an open More actions menu", size);
			row.moreActions().chooseRefund();
			check(browser, "the refund dialog", size);
			OrdersPage authorized = OrdersPage.open(browser, baseUrl(), "status=AUTHORIZED");
			openMenu(browser, authorized.rows().get(0)).chooseCapture();
			check(browser, "the capture dialog", size);
		});
	}

	@Test
	void aPageARoleMayNotOpen() {
		atEachSize((browser, size) -> {
			LoginPage.open(browser, baseUrl()).logInAs("viewer@nordic-shoes.example", DEMO_PASSWORD);
			browser.get(baseUrl() + "/users");
			check(browser, "/users as a viewer", size);
		});
	}

	/**
	 * Runs the steps at desktop and at phone size, each in a new session, then fails on
	 * every violation they found.
	 */
	private void atEachSize(BiConsumer<WebDriver, Dimension> steps) {
		WebDriver browser = this.session.driver();
		for (Dimension size : SIZES) {
			browser.manage().window().setSize(size);
			browser.manage().deleteAllCookies();
			steps.accept(browser, size);
		}
		assertThat(this.violations).isEmpty();
	}

	/** Opens a row's menu in the middle of the screen, where all of it shows. */
	private static ActionsMenu openMenu(WebDriver browser, OrderRow row) {
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", row.element());
		return row.openMoreActions();
	}

	private void check(WebDriver browser, String page, Dimension size) {
		Results results = new AxeBuilder().withTags(RULES).analyze(browser);
		assertThat(results.isErrored()).as("axe ran on %s", page).isFalse();
		assertThat(results.getPasses()).as("axe checked %s", page).isNotEmpty();
		for (Rule rule : results.getViolations()) {
			rule.getNodes()
				.forEach((node) -> this.violations
					.add(String.format("%s at %dx%d: %s (%s, %s) %s", page, size.getWidth(), size.getHeight(),
							rule.getId(), rule.getImpact(), rule.getHelp(), node.getTarget())));
		}
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
