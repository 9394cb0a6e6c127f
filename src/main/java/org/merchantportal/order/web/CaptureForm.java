package org.merchantportal.order.web;

import java.util.List;

/**
 * The Capture… dialog: an amount (the remaining authorization by default), or quantities
 * of lines.
 */
public record CaptureForm(String idempotencyKey, String mode, String amount, List<String> line, List<String> quantity) {

	public boolean byLines() {
		return "lines".equals(this.mode);
	}

	public String quantityOf(String reference) {
		return LineQuantities.quantityOf(this.line, this.quantity, reference);
	}

}
