package org.merchantportal.merchant.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.Keyboard;
import org.merchantportal.browser.LoginPage;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API credentials page as an ADMIN uses it, in headless Chromium, with the keyboard
 * alone, with and without JavaScript: create a credential, read its password once, see it
 * listed, revoke it. Takes the page's pictures at desktop and phone sizes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiCredentialsBrowserTests {

	@LocalServerPort
	int port;

	private final List<WebDriver> browsers = new ArrayList<>();

	@AfterEach
	void quit() {
		this.browsers.forEach(WebDriver::quit);
	}

	@ParameterizedTest(name = "JavaScript on: {0}")
	@ValueSource(booleans = { true, false })
	void anAdminCreatesReadsOnceAndRevokesACredentialWithTheKeyboardAlone(boolean javascript) {
		WebDriver browser = Browser.start(javascript);
		this.browsers.add(browser);
		String base = "http://localhost:" + this.port;
		LoginPage.open(browser, base).logInWithKeyboardAs("admin@nordic-shoes.example", "portal-demo-2026");
		Keyboard keyboard = new Keyboard(browser);
		keyboard.tabUntil("the API credentials link",
				(element) -> "API credentials".equals(element.getText()) && "a".equals(element.getTagName()));
		keyboard.press(Keys.ENTER);
		Browser.waitFor(browser).until(ExpectedConditions.urlMatches("/api-credentials$"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("API credentials");

		String name = "Warehouse " + UUID.randomUUID().toString().substring(0, 6);
		keyboard.tabUntil("the name field", (element) -> "credential-name".equals(element.getAttribute("id")));
		keyboard.type(name).press(Keys.ENTER);
		WebElement secret = Browser.waitFor(browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.id("created-secret")));
		assertThat(secret.getText()).matches("mps_[A-Za-z0-9_-]{43}");
		assertThat(browser.findElement(By.id("created-username")).getText()).matches("mp_[0-9a-f]{16}");
		assertThat(browser.findElement(By.cssSelector(".credential-created")).getText())
			.contains("it is not shown again");
		String password = secret.getText();
		if (javascript) {
			Browser.screenshot(browser, Browser.picture("api-credentials-created.png"));
			browser.manage().window().setSize(new Dimension(390, 844));
			Browser.screenshot(browser, Browser.picture("api-credentials-created-phone.png"));
			browser.manage().window().setSize(new Dimension(1400, 900));
		}

		// The list shows it, never its password.
		browser.get(base + "/api-credentials");
		assertThat(browser.getPageSource()).contains(name).doesNotContain(password);
		keyboard.tabUntil("the Revoke button of " + name,
				(element) -> ("Revoke " + name).equals(element.getAttribute("aria-label")));
		keyboard.press(Keys.ENTER);
		Browser.waitFor(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-message"), "Credential revoked"));
		WebElement row = browser.findElements(By.cssSelector("tr.credential-row"))
			.stream()
			.filter((candidate) -> candidate.getText().contains(name))
			.findFirst()
			.orElseThrow();
		assertThat(row.findElement(By.cssSelector(".credential-status")).getText()).startsWith("Revoked");
		assertThat(row.findElements(By.cssSelector("button"))).isEmpty();
		if (javascript) {
			Browser.screenshot(browser, Browser.picture("api-credentials.png"));
			browser.manage().window().setSize(new Dimension(390, 844));
			Browser.screenshot(browser, Browser.picture("api-credentials-phone.png"));
		}
	}

}
