package org.merchantportal.order;

import org.merchantportal.i18n.LocalizedException;

/**
 * An operation the order's rules do not allow now. Nothing was changed. {@link #field()}
 * names the input at fault when the refusal is about what was entered (an amount above
 * the refundable amount, a missing note) rather than about the order's state. Why is a
 * message code with arguments ({@code refusal.*}), resolved at the edge.
 */
public class OrderActionRefusedException extends LocalizedException {

	/** Klarna's error codes, as the merchant API answers them. */
	public enum Code {

		CANCEL_NOT_ALLOWED, CAPTURE_NOT_ALLOWED, REFUND_NOT_ALLOWED, NOT_ALLOWED

	}

	private final Code code;

	private final String field;

	private final String line;

	/** A refusal of the order's state, or of the actor's role. */
	static OrderActionRefusedException ofState(Code code, String message, Object... arguments) {
		return new OrderActionRefusedException(code, null, null, message, arguments);
	}

	/** A refusal of what was entered in a field. */
	static OrderActionRefusedException ofInput(Code code, String field, String message, Object... arguments) {
		return new OrderActionRefusedException(code, field, null, message, arguments);
	}

	/**
	 * A refusal of the quantity entered for one line.
	 * @param line the reference of the order line whose quantity is at fault
	 */
	static OrderActionRefusedException ofLine(Code code, String line, String message, Object... arguments) {
		return new OrderActionRefusedException(code, "lines", line, message, arguments);
	}

	private OrderActionRefusedException(Code code, String field, String line, String message, Object... arguments) {
		super(message, arguments);
		this.code = code;
		this.field = field;
		this.line = line;
	}

	/** Klarna's error code: what the merchant API answers. */
	public Code code() {
		return this.code;
	}

	/** The form field at fault, or {@code null} when the order's state is. */
	public String field() {
		return this.field;
	}

	/** The reference of the line whose quantity is at fault, or {@code null}. */
	public String line() {
		return this.line;
	}

	public boolean isAboutInput() {
		return this.field != null;
	}

}
