package org.merchantportal.order.web.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderEvent;
import org.merchantportal.order.OrderEventType;
import org.merchantportal.order.OrderLine;

/**
 * An order as Klarna's Order Management API v1 shows it: snake_case, amounts in minor
 * units of {@code purchase_currency}, tax rates in basis points (2500 is 25%).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderResource(@JsonProperty("order_id") UUID orderId, @JsonProperty("status") String status,
		@JsonProperty("purchase_currency") String purchaseCurrency, @JsonProperty("order_amount") long orderAmount,
		@JsonProperty("captured_amount") long capturedAmount, @JsonProperty("refunded_amount") long refundedAmount,
		@JsonProperty("remaining_authorized_amount") long remainingAuthorizedAmount,
		@JsonProperty("merchant_reference1") String merchantReference1,
		@JsonProperty("merchant_reference2") String merchantReference2, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("expires_at") Instant expiresAt, @JsonProperty("billing_address") Address billingAddress,
		@JsonProperty("order_lines") List<Line> orderLines, @JsonProperty("captures") List<Capture> captures,
		@JsonProperty("refunds") List<Refund> refunds) {

	static OrderResource of(Order order) {
		List<OrderEvent> history = new ArrayList<>(order.getTimeline());
		Collections.reverse(history); // oldest first
		return new OrderResource(order.getPublicId(), order.getStatus().name(), order.getCurrency().getCurrencyCode(),
				order.getOrderAmount().minorUnits(), order.getCaptured().minorUnits(), order.getRefunded().minorUnits(),
				order.getRemaining().minorUnits(), order.getMerchantReference(), order.getMerchantReference2(),
				order.getCreatedAt(), expiresAt(order), Address.of(order.getCustomerName(), order.getCustomerEmail()),
				order.getLines().stream().map(Line::of).toList(),
				history.stream().filter((e) -> e.getType() == OrderEventType.CAPTURED).map(Capture::of).toList(),
				history.stream().filter((e) -> e.getType() == OrderEventType.REFUNDED).map(Refund::of).toList());
	}

	/**
	 * The authorization runs through its expiry day (a calendar day in UTC): it lapses at
	 * the start of the next.
	 */
	static Instant expiresAt(Order order) {
		return order.getAuthorizationExpiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	record Line(@JsonProperty("reference") String reference, @JsonProperty("name") String name,
			@JsonProperty("quantity") int quantity, @JsonProperty("unit_price") long unitPrice,
			@JsonProperty("tax_rate") int taxRate, @JsonProperty("total_amount") long totalAmount,
			@JsonProperty("captured_quantity") int capturedQuantity,
			@JsonProperty("refunded_quantity") int refundedQuantity) {

		static Line of(OrderLine line) {
			return new Line(line.getReference(), line.getName(), line.getQuantity(), line.getUnitPrice().minorUnits(),
					line.getTaxRate(), line.getTotal().minorUnits(), line.getCapturedQuantity(),
					line.getRefundedQuantity());
		}

	}

	/**
	 * Klarna splits the name; the portal keeps it whole, so the split is at the last
	 * space.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Address(@JsonProperty("given_name") String givenName, @JsonProperty("family_name") String familyName,
			@JsonProperty("email") String email) {

		static Address of(String name, String email) {
			String whole = name.strip();
			int space = whole.lastIndexOf(' ');
			return (space < 0) ? new Address(whole, null, email)
					: new Address(whole.substring(0, space), whole.substring(space + 1), email);
		}

	}

	/** A capture: one CAPTURED event of the order's timeline. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Capture(@JsonProperty("capture_id") UUID captureId, @JsonProperty("captured_amount") long capturedAmount,
			@JsonProperty("captured_at") Instant capturedAt, @JsonProperty("description") String description,
			@JsonProperty("order_lines_summary") String lines) {

		static Capture of(OrderEvent event) {
			return new Capture(event.getPublicId(), event.getAmount().minorUnits(), event.getOccurredAt(),
					event.getNote(), event.getDetail());
		}

	}

	/** A refund: one REFUNDED event of the order's timeline. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Refund(@JsonProperty("refund_id") UUID refundId, @JsonProperty("refunded_amount") long refundedAmount,
			@JsonProperty("refunded_at") Instant refundedAt, @JsonProperty("reason") String reason,
			@JsonProperty("description") String description, @JsonProperty("order_lines_summary") String lines) {

		static Refund of(OrderEvent event) {
			return new Refund(event.getPublicId(), event.getAmount().minorUnits(), event.getOccurredAt(),
					(event.getReason() != null) ? event.getReason().name() : null, event.getNote(), event.getDetail());
		}

	}

}
