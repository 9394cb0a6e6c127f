package org.merchantportal.order.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The bodies of the merchant API's actions, as Klarna's Order Management API v1 names
 * their fields. Fields Klarna defines that the portal does not keep (shipping_info,
 * shipping_delay and the like) are accepted and ignored, so that an existing integration
 * works unchanged.
 */
final class ActionRequests {

	private ActionRequests() {
	}

	/** A line of a capture or refund: which line (by reference) and how many. */
	record LineRequest(@JsonProperty("reference") String reference, @JsonProperty("quantity") Integer quantity) {
	}

	/**
	 * Our extension: an order as a checkout places it, in the shape of Klarna Payments'
	 * create-order body.
	 */
	record CreateOrderRequest(@JsonProperty("purchase_currency") String purchaseCurrency,
			@JsonProperty("order_amount") @JsonDeserialize(using = StrictMinorUnits.class) Long orderAmount,
			@JsonProperty("order_lines") List<NewLineRequest> orderLines,
			@JsonProperty("merchant_reference1") String merchantReference1,
			@JsonProperty("billing_address") Address billingAddress) {
	}

	record NewLineRequest(@JsonProperty("reference") String reference, @JsonProperty("name") String name,
			@JsonProperty("quantity") Integer quantity,
			@JsonProperty("unit_price") @JsonDeserialize(using = StrictMinorUnits.class) Long unitPrice,
			@JsonProperty("tax_rate") Integer taxRate,
			@JsonProperty("total_amount") @JsonDeserialize(using = StrictMinorUnits.class) Long totalAmount) {
	}

	record Address(@JsonProperty("given_name") String givenName, @JsonProperty("family_name") String familyName,
			@JsonProperty("email") String email) {
	}

	record MerchantReferencesRequest(@JsonProperty("merchant_reference1") String merchantReference1,
			@JsonProperty("merchant_reference2") String merchantReference2) {
	}

	record CaptureRequest(
			@JsonProperty("captured_amount") @JsonDeserialize(using = StrictMinorUnits.class) Long capturedAmount,
			@JsonProperty("description") String description,
			@JsonProperty("order_lines") List<LineRequest> orderLines) {
	}

	/**
	 * @param reason the portal's own field (RETURNED, CANCELLED_BY_CUSTOMER, DUPLICATE,
	 * FRAUD, OTHER); without it, a refund is recorded as OTHER with its description (or
	 * "via API") as the note
	 */
	record RefundRequest(
			@JsonProperty("refunded_amount") @JsonDeserialize(using = StrictMinorUnits.class) Long refundedAmount,
			@JsonProperty("description") String description, @JsonProperty("reference") String reference,
			@JsonProperty("reason") String reason, @JsonProperty("order_lines") List<LineRequest> orderLines) {
	}

}
