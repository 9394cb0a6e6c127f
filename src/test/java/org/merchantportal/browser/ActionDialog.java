package org.merchantportal.browser;

import java.util.List;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A More actions dialog: with JavaScript a modal {@code <dialog>} that htmx fills,
 * without a page of its own. Either way its form posts the action; success closes the
 * dialog (or redirects to the order), a refusal or bad input shows the dialog again.
 */
public abstract class ActionDialog {

	private static final By MODAL = By.cssSelector("#action-dialog[open] #dialog-content > .dialog-body");

	private static final By PAGE = By.cssSelector("main .dialog-page .dialog-body");

	protected final WebDriver driver;

	private final boolean modal;

	protected ActionDialog(WebDriver driver) {
		this.driver = driver;
		this.modal = Browser.javascriptEnabled(driver);
		Browser.waitFor(driver)
			.withMessage(() -> "the " + getClass().getSimpleName() + " to show")
			.until(ExpectedConditions.visibilityOfElementLocated(this.modal ? MODAL : PAGE));
	}

	/** Whether this is the modal {@code <dialog>} (JavaScript), not a page of its own. */
	public boolean isModal() {
		return this.modal;
	}

	/** The path of the page shown, e.g. a dialog's own page without JavaScript. */
	public String currentPath() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

	/** Whether the dialog is still shown. */
	public boolean isOpen() {
		return !this.driver.findElements(this.modal ? MODAL : PAGE).isEmpty();
	}

	public String heading() {
		return PortalPage.text(body().findElement(By.id("dialog-title")).getText());
	}

	/** Everything the dialog says. */
	public String text() {
		return PortalPage.text(body().getText());
	}

	/** The order the dialog acts on (its public id). */
	public String orderId() {
		return body().getDomAttribute("data-order");
	}

	/** Why the order refused the action, if it did. */
	public Optional<String> refusal() {
		return body().findElements(By.cssSelector("[role=alert] .refusal-message"))
			.stream()
			.map((message) -> PortalPage.text(message.getText()))
			.findFirst();
	}

	public Optional<String> refusalCode() {
		return body().findElements(By.cssSelector("[role=alert] .refusal-code"))
			.stream()
			.map((code) -> PortalPage.text(code.getText()))
			.findFirst();
	}

	/** The field errors shown, in order. */
	public List<String> fieldErrors() {
		return body().findElements(By.cssSelector(".field-error"))
			.stream()
			.map((error) -> PortalPage.text(error.getText()))
			.toList();
	}

	/** The confirming submit button, e.g. for the keyboard. */
	public WebElement confirmButton() {
		return body().findElement(By.cssSelector("form button[type=submit]"));
	}

	public boolean canConfirm() {
		return !body().findElements(By.cssSelector("form button[type=submit]")).isEmpty();
	}

	/**
	 * Confirms the action and waits for it to be done: the modal dialog closes (and the
	 * page updates in place), or the browser lands on the order's page.
	 * @throws AssertionError if the dialog came back instead, with what it says
	 */
	public void confirm() {
		submit();
		if (isOpen()) {
			throw new AssertionError("The dialog was shown again instead of closing: " + text());
		}
	}

	/**
	 * Confirms the action expecting the dialog back (a refusal or bad input); read it
	 * with {@link #refusal()} or {@link #fieldErrors()}.
	 */
	public void confirmExpectingTheDialogBack() {
		submit();
		if (!isOpen()) {
			throw new AssertionError("The dialog closed: the action was done");
		}
	}

	/** Closes the dialog without acting ("Close", "Keep order"). */
	public void close() {
		WebElement before = body();
		body().findElement(By.cssSelector(".dialog-close")).click();
		Browser.waitFor(this.driver).until(Browser.gone(before));
	}

	protected WebElement body() {
		return this.driver.findElement(this.modal ? MODAL : PAGE);
	}

	private void submit() {
		WebElement before = body();
		confirmButton().click();
		waitForAnswer(before);
	}

	/**
	 * Waits for the answer to a submit that was made (by a click or a key) while the
	 * given dialog body was shown.
	 */
	public void waitForAnswer(WebElement before) {
		if (this.modal) {
			// htmx swaps the answer into the dialog: a new dialog body, or the "done"
			// marker after which the dialog closes (once the page has settled).
			Browser.waitFor(this.driver)
				.withMessage(() -> "the answer to " + getClass().getSimpleName())
				.until(ExpectedConditions.and(Browser.gone(before), PortalPage.htmxIdle(),
						(driver) -> driver.findElements(By.cssSelector("#action-dialog[open]")).isEmpty()
								|| !driver.findElements(MODAL).isEmpty()));
		}
		else {
			Browser.waitFor(this.driver)
				.withMessage(() -> "the page answering " + getClass().getSimpleName())
				.until(ExpectedConditions.and(Browser.gone(before),
						ExpectedConditions.presenceOfElementLocated(By.tagName("main"))));
		}
	}

}
