package org.merchantportal.order.web;

import java.util.List;

/**
 * The Refund… dialog: an amount (the whole refundable amount by default) or quantities of
 * captured lines, a reason and a note (required for OTHER).
 */
public record RefundForm(String idempotencyKey, String mode, String amount, List<String> line, List<String> quantity,
		String reason, String note) {

	public boolean byLines() {
		return "lines".equals(this.mode);
	}

	public String quantityOf(String reference) {
		return LineQuantities.quantityOf(this.line, this.quantity, reference);
	}

}
