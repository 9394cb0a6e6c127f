package org.merchantportal.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The login page, as a person uses it.
 */
public class LoginPage {

	private final WebDriver driver;

	private LoginPage(WebDriver driver) {
		this.driver = driver;
	}

	public static LoginPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/login");
		return new LoginPage(driver);
	}

	public String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	public OrdersPage logInAs(String username, String password) {
		submit(username, password);
		return new OrdersPage(this.driver);
	}

	/**
	 * Logs in without the mouse: the email field has the focus when the page opens, Tab
	 * moves to the password, Enter submits.
	 */
	public OrdersPage logInWithKeyboardAs(String username, String password) {
		new Actions(this.driver).sendKeys(username)
			.sendKeys(Keys.TAB)
			.sendKeys(password)
			.sendKeys(Keys.ENTER)
			.perform();
		return new OrdersPage(this.driver);
	}

	/** The element that has the keyboard focus. */
	public WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	/**
	 * Submits and waits for the page that answers: the form's page goes stale, and the
	 * login page comes back with its message (without JavaScript the click may return
	 * before the browser has left the old page).
	 */
	public LoginPage logInExpectingFailure(String username, String password) {
		WebElement old = this.driver.findElement(By.tagName("html"));
		submit(username, password);
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(Browser.gone(old));
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
		return this;
	}

	public String error() {
		return this.driver.findElement(By.cssSelector("[role=alert]")).getText();
	}

	private void submit(String username, String password) {
		this.driver.findElement(By.id("username")).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
	}

}
