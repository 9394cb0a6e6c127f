package org.merchantportal.order.web.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.browser.Browser;
import org.merchantportal.browser.LoginPage;
import org.merchantportal.browser.OrderDetailsPage;
import org.merchantportal.browser.RefundDialog;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One order's life across the merchant API and the pages, as a shop and its staff live
 * it: placed and captured by the shop's system over the API, refunded by a person in the
 * browser, and read back over the API with that refund in it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderApiBrowserTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private WebDriver browser;

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void placedAndCapturedOverTheApiRefundedInTheBrowserReadBackOverTheApi() throws Exception {
		String reference = "NS-LIVE-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> placed = api("POST", "/ordermanagement/v1/orders",
				OrderApiCreateTests.order(reference, 129_900, "SEK", 120_000));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String orderId = JsonPath.read(placed.body(), "$.order_id");
		assertThat(api("POST", "/ordermanagement/v1/orders/" + orderId + "/captures", "{\"captured_amount\": 129900}")
			.statusCode()).isEqualTo(201);

		this.browser = Browser.start();
		String base = "http://localhost:" + this.port;
		LoginPage.open(this.browser, base).logInAs("orders@nordic-shoes.example", "portal-demo-2026");
		OrderDetailsPage details = OrderDetailsPage.open(this.browser, base, orderId);
		assertThat(details.status()).isEqualTo("Captured");
		assertThat(details.timeline())
			.anySatisfy((entry) -> assertThat(entry.actor()).contains("via API (Demo shop system)"));
		RefundDialog refund = details.openMoreActions().chooseRefund();
		refund.enterAmount("99.00");
		refund.chooseReason("Returned");
		refund.confirm();
		details.statusMessage().waitForText("SEK 99.00");

		HttpResponse<String> read = api("GET", "/ordermanagement/v1/orders/" + orderId, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Integer>read(read.body(), "$.refunded_amount")).isEqualTo(9_900);
		assertThat(JsonPath.<Integer>read(read.body(), "$.refunds[0].refunded_amount")).isEqualTo(9_900);
		assertThat(JsonPath.<String>read(read.body(), "$.refunds[0].reason")).isEqualTo("RETURNED");
	}

	private HttpResponse<String> api(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("demo-nordic-shoes:portal-demo-api-2026".getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json");
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
