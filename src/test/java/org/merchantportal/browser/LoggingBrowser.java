package org.merchantportal.browser;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The same headless Chromium as {@link Browser#start()}, whose console (the "browser"
 * log: script errors, Content Security Policy violations, {@code console.*}) the test can
 * read, e.g. to fail on anything the page's policy refused.
 */
public final class LoggingBrowser {

	private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getenv()
		.getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

	private LoggingBrowser() {
	}

	/** A headless Chromium with JavaScript, keeping every entry of its console. */
	public static WebDriver start() {
		requireExecutable(CHROMIUM, "chromium");
		requireExecutable(CHROMEDRIVER, "chromium-driver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1400,1000", "--lang=en-US");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * What the browser's console said since the last call, one line per entry, e.g.
	 * "SEVERE http://localhost:8080/orders - Refused to execute inline script because it
	 * violates the following Content Security Policy directive: …".
	 */
	public static List<String> console(WebDriver driver) {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LoggingBrowser::describe).toList();
	}

	private static String describe(LogEntry entry) {
		Level level = entry.getLevel();
		return level.getName() + " " + entry.getMessage();
	}

	private static void requireExecutable(String path, String debianPackage) {
		if (!new File(path).canExecute()) {
			throw new IllegalStateException(path + " not found: install Debian's " + debianPackage
					+ " (apt-get install chromium chromium-driver; bash .ci/run does this)");
		}
	}

}
