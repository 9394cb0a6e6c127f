package org.merchantportal.order.web.api;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.merchantportal.order.OrderLine;
import org.merchantportal.order.OrderService.NewOrder;
import org.merchantportal.order.web.api.ActionRequests.CreateOrderRequest;
import org.merchantportal.order.web.api.ActionRequests.NewLineRequest;

/**
 * Checks a checkout's order as the merchant API takes it: every field present and within
 * the columns' sizes, each line's total its quantity times its unit price, and the order
 * amount the sum of the lines, in the merchant's currency. Anything else is 400.
 */
final class NewOrders {

	static final int MAX_LINES = 500;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,63}");

	private NewOrders() {
	}

	static NewOrder of(CreateOrderRequest body, Currency merchantCurrency) {
		if (body.purchaseCurrency() == null || !body.purchaseCurrency().equals(merchantCurrency.getCurrencyCode())) {
			throw bad("purchase_currency must be " + merchantCurrency.getCurrencyCode() + ", the merchant's currency.");
		}
		String reference = required(body.merchantReference1(), "merchant_reference1", 64);
		if (body.billingAddress() == null) {
			throw bad("billing_address with given_name, family_name and email is required.");
		}
		String given = required(body.billingAddress().givenName(), "billing_address.given_name", 99);
		String family = required(body.billingAddress().familyName(), "billing_address.family_name", 100);
		String email = required(body.billingAddress().email(), "billing_address.email", 254);
		if (!EMAIL.matcher(email).matches()) {
			throw bad("billing_address.email must be an email address.");
		}
		if (body.orderLines() == null || body.orderLines().isEmpty() || body.orderLines().size() > MAX_LINES) {
			throw bad("order_lines must have 1 to " + MAX_LINES + " lines.");
		}
		List<OrderLine.NewLine> lines = new ArrayList<>();
		Set<String> references = new HashSet<>();
		long sum = 0;
		for (NewLineRequest line : body.orderLines()) {
			if (line == null) {
				throw bad("order_lines must not hold null.");
			}
			String lineReference = required(line.reference(), "order_lines[].reference", 64);
			if (!references.add(lineReference)) {
				// Captures and refunds name lines by reference: each must be one line.
				throw bad("order_lines[].reference " + lineReference + " is there twice.");
			}
			String name = required(line.name(), "order_lines[].name", 200);
			if (line.quantity() == null || line.quantity() < 1 || line.quantity() > 1_000_000) {
				throw bad("order_lines[].quantity must be 1 to 1000000.");
			}
			if (line.unitPrice() == null || line.unitPrice() < 0) {
				throw bad("order_lines[].unit_price must be an integer of at least 0 in minor units.");
			}
			if (line.taxRate() == null || line.taxRate() < 0 || line.taxRate() > 10_000) {
				throw bad("order_lines[].tax_rate must be 0 to 10000 (basis points: 2500 is 25%).");
			}
			long total;
			try {
				total = Math.multiplyExact(line.unitPrice(), line.quantity());
				sum = Math.addExact(sum, total);
			}
			catch (ArithmeticException ex) {
				throw bad("The order's amounts are too large.");
			}
			if (line.totalAmount() == null || line.totalAmount() != total) {
				throw bad("order_lines[].total_amount of " + lineReference + " must be quantity × unit_price (" + total
						+ ").");
			}
			lines.add(new OrderLine.NewLine(lineReference, name, line.quantity(), line.unitPrice(), line.taxRate()));
		}
		if (body.orderAmount() == null || body.orderAmount() != sum || sum <= 0) {
			throw bad("order_amount must be the sum of the order lines' total_amount (" + sum + ") and above 0.");
		}
		return new NewOrder(reference, given + " " + family, email, merchantCurrency, lines);
	}

	private static String required(String value, String field, int maxLength) {
		if (value == null || value.isBlank()) {
			throw bad(field + " is required.");
		}
		String stripped = value.strip();
		// Searched lower-cased, and some letters grow when lower-cased (İ becomes i̇).
		if (stripped.toLowerCase(Locale.ROOT).length() > maxLength || stripped.length() > maxLength
				|| stripped.chars().anyMatch(Character::isISOControl)) {
			throw bad(field + " must be at most " + maxLength + " characters of text.");
		}
		return stripped;
	}

	private static ApiErrors.BadValueException bad(String message) {
		return new ApiErrors.BadValueException(message);
	}

}
