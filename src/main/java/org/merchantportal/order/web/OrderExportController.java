package org.merchantportal.order.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderSearch.OrderPage;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The orders of the Orders page's current search and filters as CSV, streamed in keyset
 * pages (one statement each), so that a million orders never sit in memory. Open to every
 * role, VIEWER included.
 */
@Controller
class OrderExportController {

	static final int BATCH = 200;

	private static final String[] HEADER = { "created_at_utc", "merchant_reference", "order_id", "customer_name",
			"customer_email", "currency", "order_amount", "captured", "refunded", "remaining_authorization",
			"refundable", "status", "authorization_expires_on" };

	private final OrderSearch search;

	private final Clock clock;

	OrderExportController(OrderSearch search, Clock clock) {
		this.search = search;
		this.clock = clock;
	}

	@GetMapping("/orders/export.csv")
	ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal PortalUserDetails user,
			@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort) {
		// Refuse a bad filter (400) before anything is streamed.
		OrderFilter filter = OrderFilter.parse(q, status, from, to, null, sort).inZone(user.timeZone());
		long merchantId = user.merchantId();
		String filename = "orders-" + LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC) + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body((out) -> write(merchantId, filter, new OutputStreamWriter(out, StandardCharsets.UTF_8)));
	}

	private void write(long merchantId, OrderFilter filter, Writer out) throws IOException {
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
			OrderFilter page = filter;
			while (page != null) {
				OrderPage found = this.search.find(merchantId, page, BATCH);
				for (OrderSummary order : found.orders()) {
					csv.printRecord(order.createdAt(), text(order.merchantReference()), order.publicId(),
							text(order.customerName()), text(order.customerEmail()), order.currency().getCurrencyCode(),
							order.orderAmount().toPlainString(), order.captured().toPlainString(),
							order.refunded().toPlainString(), order.remaining().toPlainString(),
							order.refundable().toPlainString(), order.status(), order.authorizationExpiresOn());
				}
				csv.flush();
				page = (found.next() != null) ? filter.startingAfter(found.next()) : null;
			}
		}
	}

	/**
	 * Text a shopper or the shop typed, made inert for spreadsheets: a cell that starts
	 * like a formula gets a leading apostrophe (OWASP "CSV injection").
	 */
	static String text(String value) {
		return (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
	}

}
