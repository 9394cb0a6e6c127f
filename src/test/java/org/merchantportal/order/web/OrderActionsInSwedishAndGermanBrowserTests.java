package org.merchantportal.order.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.merchantportal.browser.ActionsMenu;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.BrowserSession;
import org.merchantportal.browser.CancelDialog;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderRow;
import org.merchantportal.browser.OrdersPage;
import org.merchantportal.browser.RefundDialog;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Swedish member of Nordic Shoes' staff cancels an order, and a German member of Fjord
 * Outdoor's refunds part of one, each after choosing their language in the header: every
 * label, the dialog and the confirmation are in their language, and so are the amounts
 * ("1 299,00 kr", "1.299,00 €"), typed ones included ("1,00").
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderActionsInSwedishAndGermanBrowserTests {

	private static final String PASSWORD = "language-browser-password";

	/** Swedish amounts: groups of three apart, a decimal comma, then "kr". */
	private static final String SWEDISH_AMOUNT = "\\d{1,3}( \\d{3})*,\\d{2} kr";

	/** German amounts: groups of three after points, a decimal comma, then "€". */
	private static final String GERMAN_AMOUNT = "\\d{1,3}(\\.\\d{3})*,\\d{2} €";

	@LocalServerPort
	int port;

	@Autowired
	PortalUserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@RegisterExtension
	final BrowserSession browser = BrowserSession.withJavaScript();

	WebDriver driver;

	@BeforeEach
	void useBrowser() {
		this.driver = this.browser.driver();
	}

	@Test
	void cancelsAnOrderInSwedish() throws IOException {
		Properties sv = messages("sv");
		OrdersPage orders = logInAndChoose(newUser("orders@nordic-shoes.example"), "sv");
		assertThat(orders.heading()).isEqualTo(sv.getProperty("orders.heading"));

		orders.filterByStatus(sv.getProperty("order.status.AUTHORIZED"));
		OrderRow row = orders.takeFreshRow((candidate) -> true);
		String reference = row.reference();
		String amount = row.amount();
		assertThat(amount).matches(SWEDISH_AMOUNT);
		assertThat(row.status()).isEqualTo(sv.getProperty("order.status.AUTHORIZED"));

		ActionsMenu menu = row.openMoreActions();
		assertThat(menu.itemLabels()).containsExactly(sv.getProperty("action.label.CAPTURE"),
				sv.getProperty("action.label.CANCEL"), sv.getProperty("action.label.EXTEND_AUTHORIZATION"));
		menu.choose(sv.getProperty("action.label.CANCEL"));
		CancelDialog cancel = CancelDialog.current(this.driver);
		assertThat(cancel.heading()).isEqualTo(MessageFormat.format(sv.getProperty("dialog.cancel.title"), reference));
		assertThat(cancel.effect()).contains(amount);
		Browser.screenshot(this.driver, Browser.picture("cancel-dialog-sv.png"));
		cancel.confirm();

		assertThat(orders.statusMessage().waitForText(reference))
			.isEqualTo(MessageFormat.format(sv.getProperty("action.done.CANCEL"), reference, amount));
		assertThat(row.status()).isEqualTo(sv.getProperty("order.status.CANCELLED"));
		assertThat(row.captured()).isEqualTo("0,00 kr");
	}

	@Test
	void refundsPartOfAnOrderInGerman() throws IOException {
		Properties de = messages("de");
		OrdersPage orders = logInAndChoose(newUser("orders@fjord-outdoor.example"), "de");
		assertThat(orders.heading()).isEqualTo(de.getProperty("orders.heading"));
		this.driver.manage().window().setSize(new Dimension(1400, 900));
		assertThat((Boolean) ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("the German Orders page fits a desktop screen's width")
			.isTrue();

		orders.filterByStatus(de.getProperty("order.status.CAPTURED"));
		OrderRow row = orders.takeFreshRow((candidate) -> candidate.refunded().equals("0,00 €")
				&& candidate.captured().equals(candidate.amount()));
		String reference = row.reference();
		assertThat(row.amount()).matches(GERMAN_AMOUNT);

		row.openMoreActions().choose(de.getProperty("action.label.REFUND"));
		RefundDialog refund = RefundDialog.current(this.driver);
		assertThat(refund.heading()).isEqualTo(MessageFormat.format(de.getProperty("dialog.refund.title"), reference));
		assertThat(refund.amount()).as("the whole refundable amount, as German writes it").matches("\\d+,\\d{2}");
		assertThat(refund.refundableText()).contains(row.amount());
		refund.enterAmount("1,00");
		refund.chooseReason(de.getProperty("refund.reason.RETURNED"));
		Browser.screenshot(this.driver, Browser.picture("refund-dialog-de.png"));
		refund.confirm();

		assertThat(orders.statusMessage().waitForText(reference))
			.isEqualTo(MessageFormat.format(de.getProperty("action.done.REFUND"), reference, "1,00 €"));
		assertThat(row.refunded()).isEqualTo("1,00 €");
	}

	private OrdersPage logInAndChoose(String username, String language) {
		LoginPage.open(this.driver, "http://localhost:" + this.port).logInAs(username, PASSWORD);
		WebElement page = this.driver.findElement(By.tagName("html"));
		this.driver.findElement(By.cssSelector("form.languages button[value=" + language + "]")).click();
		// The switch loads a new document: wait until the old one is gone before reading
		// the new one's language, which a half-replaced document cannot answer.
		FluentWait<WebDriver> wait = Browser.waitFor(this.driver).ignoring(WebDriverException.class);
		wait.until(Browser.gone(page));
		wait.until((driver) -> language.equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
		return OrdersPage.current(this.driver);
	}

	/**
	 * A user of the same merchant as the demo login, so that the demo's own language
	 * stays English.
	 */
	private String newUser(String colleague) {
		long merchant = this.users.findByUsername(colleague).orElseThrow().getMerchantId();
		String username = "language-" + UUID.randomUUID() + colleague.substring(colleague.indexOf('@'));
		this.users.save(new PortalUser(merchant, username, this.encoder.encode(PASSWORD), Role.ORDER_MANAGER));
		return username;
	}

	private static Properties messages(String language) throws IOException {
		Properties messages = new Properties();
		try (Reader reader = new InputStreamReader(
				new ClassPathResource("messages_" + language.toLowerCase(Locale.ROOT) + ".properties").getInputStream(),
				StandardCharsets.UTF_8)) {
			messages.load(reader);
		}
		return messages;
	}

}
