package org.merchantportal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

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

	public LoginPage logInExpectingFailure(String username, String password) {
		submit(username, password);
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
