package org.merchantportal.security.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user reaches their account page from their name in the header and picks a time zone
 * with the keyboard alone; the Orders page then names that zone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccountBrowserTests {

	private static final String PASSWORD = "account-browser-password";

	@LocalServerPort
	int port;

	@RegisterExtension
	final BrowserSession session = BrowserSession.withJavaScript();

	@Autowired
	PortalUserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void aUserPicksTheirTimeZoneWithTheKeyboardAndTheOrdersPageNamesIt() {
		WebDriver browser = this.session.driver();
		LoginPage.open(browser, "http://localhost:" + this.port).logInAs(newUser(), PASSWORD);
		assertThat(browser.findElement(By.cssSelector("table.orders thead")).getDomProperty("textContent"))
			.contains("Date (Europe/Stockholm)");

		WebElement account = browser.findElement(By.cssSelector("header a.who"));
		account.sendKeys(Keys.ENTER);
		Browser.waitFor(browser).until(ExpectedConditions.urlContains("/account"));
		for (Dimension size : new Dimension[] { new Dimension(1400, 900), new Dimension(390, 844) }) {
			browser.manage().window().setSize(size);
			Browser.screenshot(browser, Browser.picture("account-" + size.getWidth() + ".png"));
		}
		browser.manage().window().setSize(new Dimension(1400, 900));
		WebElement zones = browser.findElement(By.id("time-zone"));
		assertThat(new Select(zones).getFirstSelectedOption().getText())
			.isEqualTo("Your merchant's (Europe/Stockholm)");

		zones.sendKeys("Asia/Tokyo");
		assertThat(new Select(zones).getFirstSelectedOption().getText()).isEqualTo("Asia/Tokyo");
		zones.sendKeys(Keys.TAB);
		browser.switchTo().activeElement().sendKeys(Keys.ENTER);

		Browser.waitFor(browser)
			.until(ExpectedConditions.textToBe(By.id("status-message"), "Times are now shown in Asia/Tokyo."));
		browser.get("http://localhost:" + this.port + "/orders");
		assertThat(browser.findElement(By.cssSelector("table.orders thead")).getDomProperty("textContent"))
			.contains("Date (Asia/Tokyo)");
	}

	private String newUser() {
		long nordic = this.users.findByUsername("orders@nordic-shoes.example").orElseThrow().getMerchantId();
		String username = "account-" + UUID.randomUUID() + "@nordic-shoes.example";
		this.users.save(new PortalUser(nordic, username, this.encoder.encode(PASSWORD), Role.ORDER_MANAGER));
		return username;
	}

}
