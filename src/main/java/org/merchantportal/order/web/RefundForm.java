package org.merchantportal.order.web;

import java.util.List;

import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.web.FormInput;

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

	/**
	 * The form as its dialog shows it again after a refusal: amount, quantities and note
	 * at most as long as their inputs take.
	 */
	RefundForm shownAgain() {
		return new RefundForm(this.idempotencyKey, this.mode, FormInput.shownAgain(this.amount, Money.MAX_INPUT_LENGTH),
				this.line, LineQuantities.shownAgain(this.quantity), this.reason,
				FormInput.shownAgain(this.note, Order.MAX_NOTE_LENGTH));
	}

}
