package org.merchantportal.order.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.LoginPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Orders page on a phone (390 x 844): the search box is one line tall under its
 * label, and the first orders show on the first screen.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrdersOnAPhoneBrowserTests {

	private static final String DEMO_PASSWORD = "portal-demo-2026";

	@LocalServerPort
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@Test
	void theSearchBoxIsOneLineUnderItsLabelAndTheFirstOrdersShowOnTheFirstScreen() {
		WebDriver browser = Browser.start();
		this.browsers.add(browser);
		browser.manage().window().setSize(new Dimension(390, 844));
		LoginPage.open(browser, "http://localhost:" + this.port).logInAs("orders@nordic-shoes.example", DEMO_PASSWORD);
		Browser.screenshot(browser, Browser.picture("orders-phone.png"));

		Rectangle label = browser.findElement(By.cssSelector("label[for=q]")).getRect();
		Rectangle search = browser.findElement(By.id("q")).getRect();
		Rectangle firstRow = browser.findElement(By.cssSelector("tr.order-row")).getRect();
		int viewport = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight")).intValue();

		assertThat(search.getHeight()).as("the search box's height").isLessThanOrEqualTo(56);
		assertThat(search.getY() - (label.getY() + label.getHeight())).as("from the label to its box").isBetween(0, 12);
		assertThat(firstRow.getY()).as("where the first order starts").isLessThan(viewport * 2 / 3);
	}

}
