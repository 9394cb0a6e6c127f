package org.merchantportal.browser;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Users page of an ADMIN, as they read and use it: the merchant's users with role,
 * status and last login, the New user form, and the recent logins and user changes.
 */
public class UsersPage extends PortalPage {

	private static final By TABLE = By.cssSelector("table.users");

	UsersPage(WebDriver driver) {
		super(driver);
		waiting().withMessage(() -> "the Users page (URL now " + driver.getCurrentUrl() + ")")
			.until(ExpectedConditions.presenceOfElementLocated(TABLE));
	}

	public static UsersPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/users");
		return new UsersPage(driver);
	}

	/** The page as it is now, e.g. after following the Users link. */
	public static UsersPage current(WebDriver driver) {
		return new UsersPage(driver);
	}

	/** The email addresses of the users listed, in order. */
	public List<String> usernames() {
		return this.driver.findElements(By.cssSelector("tr.user-row .user-name"))
			.stream()
			.map((name) -> text(name.getText()))
			.toList();
	}

	/** The user's role as shown in their row, e.g. "Order manager". */
	public String role(String username) {
		return text(new Select(row(username).findElement(By.cssSelector("select[name=role]"))).getFirstSelectedOption()
			.getText());
	}

	/** The user's status, e.g. "Active", "Disabled" or "Locked until 10:30 CET". */
	public String status(String username) {
		return text(row(username).findElement(By.cssSelector("td.user-status")).getText());
	}

	/** E.g. "2026-11-26 10:00 CET", or "Never". */
	public String lastLogin(String username) {
		return text(row(username).findElement(By.cssSelector("td:nth-child(4)")).getText());
	}

	/**
	 * Fills in the New user form and submits it; the page comes back, with a status
	 * message when the user was created or the form's errors when not.
	 * @param role the role's label, e.g. "Order manager"
	 */
	public UsersPage createUser(String email, String password, String role) {
		WebElement form = newUserForm();
		form.findElement(By.id("new-username")).sendKeys(email);
		form.findElement(By.id("new-password")).sendKeys(password);
		new Select(form.findElement(By.id("new-role"))).selectByVisibleText(role);
		form.findElement(By.cssSelector("button[type=submit]")).click();
		waiting().until(Browser.gone(form));
		return new UsersPage(this.driver);
	}

	/** The messages shown under the New user form's fields. */
	public List<String> fieldErrors() {
		return newUserForm().findElements(By.cssSelector(".field-error"))
			.stream()
			.map((error) -> text(error.getText()))
			.toList();
	}

	/** The rows of "Recent logins and user changes", newest first, as text. */
	public List<String> activity() {
		return this.driver.findElements(By.cssSelector("tr.audit-row"))
			.stream()
			.map((row) -> text(row.getText()))
			.toList();
	}

	private WebElement newUserForm() {
		return this.driver.findElement(By.cssSelector(".new-user form"));
	}

	private WebElement row(String username) {
		return this.driver.findElements(By.cssSelector("tr.user-row"))
			.stream()
			.filter((row) -> text(row.findElement(By.cssSelector(".user-name")).getText()).equals(username))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row for " + username + " among " + usernames()));
	}

}
