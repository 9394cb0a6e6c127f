package org.merchantportal.order.web;

import java.util.List;

import org.merchantportal.order.Money;
import org.merchantportal.web.FormInput;

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

	/**
	 * The form as its dialog shows it again after a refusal: amount and quantities at
	 * most as long as their inputs take.
	 */
	CaptureForm shownAgain() {
		return new CaptureForm(this.idempotencyKey, this.mode,
				FormInput.shownAgain(this.amount, Money.MAX_INPUT_LENGTH), this.line,
				LineQuantities.shownAgain(this.quantity));
	}

}
