package org.merchantportal.browser;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * A fresh headless Chromium for each test, quit after it; when the test fails, what the
 * browser showed is saved to {@code target/screenshots/failures/}. Register it with
 * {@code @RegisterExtension}.
 */
public final class BrowserSession implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

	private final boolean javascript;

	private WebDriver driver;

	private BrowserSession(boolean javascript) {
		this.javascript = javascript;
	}

	public static BrowserSession withJavaScript() {
		return new BrowserSession(true);
	}

	public static BrowserSession withoutJavaScript() {
		return new BrowserSession(false);
	}

	public WebDriver driver() {
		if (this.driver == null) {
			throw new IllegalStateException("The browser runs during a test only");
		}
		return this.driver;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.driver = Browser.start(this.javascript);
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isPresent() && this.driver != null) {
			try {
				Browser.screenshot(this.driver,
						Path.of("target", "screenshots", "failures", context.getRequiredTestClass().getSimpleName()
								+ "-" + context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "") + ".png"));
			}
			catch (RuntimeException ex) {
				context.getExecutionException().get().addSuppressed(ex);
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.quit();
			this.driver = null;
		}
	}

}
