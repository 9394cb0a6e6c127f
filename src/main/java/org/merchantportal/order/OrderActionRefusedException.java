package org.merchantportal.order;

/**
 * An operation the order's rules do not allow now. Nothing was changed. {@link #field()}
 * names the input at fault when the refusal is about what was entered (an amount above
 * the refundable amount, a missing note) rather than about the order's state.
 */
public class OrderActionRefusedException extends RuntimeException {

	public enum Code {

		CANCEL_NOT_ALLOWED, CAPTURE_NOT_ALLOWED, REFUND_NOT_ALLOWED, NOT_ALLOWED

	}

	private final Code code;

	private final String field;

	private final String line;

	OrderActionRefusedException(Code code, String message) {
		this(code, message, null);
	}

	OrderActionRefusedException(Code code, String message, String field) {
		this(code, message, field, null);
	}

	/**
	 * @param line the reference of the order line whose quantity is at fault, or null
	 */
	OrderActionRefusedException(Code code, String message, String field, String line) {
		super(message);
		this.code = code;
		this.field = field;
		this.line = line;
	}

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
