package org.merchantportal.order.web.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.merchantportal.order.OrderSummary;

/**
 * A page of the merchant's orders, newest first, for reconciliation: our extension of
 * Klarna's API, which has no list. {@code next} is the path of the following page, absent
 * on the last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderListResource(@JsonProperty("orders") List<Item> orders, @JsonProperty("next") String next) {

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(@JsonProperty("order_id") UUID orderId, @JsonProperty("status") String status,
			@JsonProperty("merchant_reference1") String merchantReference1,
			@JsonProperty("purchase_currency") String purchaseCurrency, @JsonProperty("order_amount") long orderAmount,
			@JsonProperty("captured_amount") long capturedAmount, @JsonProperty("refunded_amount") long refundedAmount,
			@JsonProperty("created_at") Instant createdAt) {

		static Item of(OrderSummary order) {
			return new Item(order.publicId(), order.status().name(), order.merchantReference(),
					order.currency().getCurrencyCode(), order.orderAmount().minorUnits(), order.captured().minorUnits(),
					order.refunded().minorUnits(), order.createdAt());
		}

	}

}
