package org.merchantportal.web;

/**
 * What a form shows again of what was sent when it refuses it: at most as much of each
 * field as its input takes, so that an oversized value is refused without being echoed
 * back whole.
 */
public final class FormInput {

	private FormInput() {
	}

	/**
	 * The value cut to at most that many characters (never between the two halves of a
	 * character outside the Basic Multilingual Plane), or null for null.
	 */
	public static String shownAgain(String value, int maxLength) {
		if (value == null || value.length() <= maxLength) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return value.substring(0, end);
	}

}
