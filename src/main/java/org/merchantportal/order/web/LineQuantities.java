package org.merchantportal.order.web;

import java.util.ArrayList;
import java.util.List;

import org.merchantportal.i18n.LocalizedException;
import org.merchantportal.order.LineQuantity;
import org.merchantportal.web.FormInput;

/**
 * Reads the parallel {@code line} and {@code quantity} fields of a by-lines form.
 */
final class LineQuantities {

	/** The longest quantity read: a sign and six digits. */
	static final int MAX_QUANTITY_LENGTH = 7;

	private LineQuantities() {
	}

	/**
	 * @throws InvalidQuantityException when a quantity is not a whole number
	 */
	static List<LineQuantity> parse(List<String> lines, List<String> quantities) {
		List<LineQuantity> result = new ArrayList<>();
		if (lines == null || quantities == null || lines.size() != quantities.size()) {
			throw new InvalidQuantityException("lines.none", null);
		}
		for (int i = 0; i < lines.size(); i++) {
			String quantity = quantities.get(i).strip();
			if (quantity.isEmpty()) {
				continue;
			}
			if (!quantity.matches("-?\\d{1,6}")) {
				throw new InvalidQuantityException("lines.notWhole", lines.get(i));
			}
			result.add(new LineQuantity(lines.get(i), Integer.parseInt(quantity)));
		}
		return result;
	}

	/** The quantities as a form shows them again: each at most as long as one is read. */
	static List<String> shownAgain(List<String> quantities) {
		return (quantities == null) ? null
				: quantities.stream().map((quantity) -> FormInput.shownAgain(quantity, MAX_QUANTITY_LENGTH)).toList();
	}

	static String quantityOf(List<String> lines, List<String> quantities, String reference) {
		if (lines == null || quantities == null) {
			return "0";
		}
		int index = lines.indexOf(reference);
		return (index >= 0 && index < quantities.size()) ? quantities.get(index) : "0";
	}

	static class InvalidQuantityException extends LocalizedException {

		/** The line whose quantity is at fault, or null. */
		private final String line;

		InvalidQuantityException(String code, String line) {
			super(code);
			this.line = line;
		}

		String line() {
			return this.line;
		}

	}

}
