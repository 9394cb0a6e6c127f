package org.merchantportal.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both at fixed paths:
 * nothing is downloaded at test time. Missing either fails the test loudly.
 */
public final class Browser {

	private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getenv()
		.getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

	/** How long a page object waits for the page to catch up, e.g. for an htmx swap. */
	static final Duration PATIENCE = Duration.ofSeconds(10);

	/** How often a wait looks again: often, since most waits are for a quick swap. */
	static final Duration POLLING = Duration.ofMillis(50);

	private static final Map<WebDriver, Boolean> JAVASCRIPT = Collections.synchronizedMap(new WeakHashMap<>());

	private Browser() {
	}

	public static WebDriver start() {
		return start(true);
	}

	/**
	 * @param javascript false to browse as someone whose JavaScript is off
	 */
	public static WebDriver start(boolean javascript) {
		requireExecutable(CHROMIUM, "chromium");
		requireExecutable(CHROMEDRIVER, "chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1400,1000", "--lang=en-US");
		if (!javascript) {
			options.addArguments("--blink-settings=scriptEnabled=false");
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		JAVASCRIPT.put(driver, javascript);
		return driver;
	}

	/**
	 * Whether the browser runs the page's scripts, so that page objects can expect htmx
	 * swaps and modal dialogs, or plain page loads.
	 */
	public static boolean javascriptEnabled(WebDriver driver) {
		return JAVASCRIPT.getOrDefault(driver, true);
	}

	/**
	 * Whether the element has left the document, as
	 * {@link ExpectedConditions#stalenessOf} says, but also when Chromium answers for a
	 * node of a document being replaced with "Node with given id does not belong to the
	 * document" instead of a stale element reference (Chromium 156: CI failed on it
	 * twice).
	 */
	public static ExpectedCondition<Boolean> gone(WebElement element) {
		ExpectedCondition<Boolean> stale = ExpectedConditions.stalenessOf(element);
		return (driver) -> {
			try {
				return stale.apply(driver);
			}
			catch (WebDriverException ex) {
				if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		};
	}

	/** An explicit wait with the page objects' patience. */
	public static WebDriverWait waitFor(WebDriver driver) {
		return new WebDriverWait(driver, PATIENCE, POLLING);
	}

	/**
	 * Where a picture of the portal goes: target/screenshots, or the folder named by the
	 * system property portal.screenshots, e.g. {@code ./mvnw -B verify
	 * -Dportal.screenshots=docs/screenshots} to retake the README's pictures.
	 */
	public static Path picture(String name) {
		return Path.of(System.getProperty("portal.screenshots", "target/screenshots"), name);
	}

	/** Saves what the browser shows as a PNG, e.g. for the README's pictures. */
	public static void screenshot(WebDriver driver, Path target) {
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not save screenshot " + target, ex);
		}
	}

	private static void requireExecutable(String path, String debianPackage) {
		if (!new File(path).canExecute()) {
			throw new IllegalStateException(path + " not found: install Debian's " + debianPackage
					+ " (apt-get install chromium chromium-driver; bash .ci/run does this)");
		}
	}

}
