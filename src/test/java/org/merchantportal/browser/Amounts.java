package org.merchantportal.browser;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Reads and writes the SEK amounts the portal shows to a reader in English, e.g. "SEK
 * 1,299.00", in minor units (öre).
 */
public final class Amounts {

	private Amounts() {
	}

	/** "SEK 1,299.00" is 129900. */
	public static long minor(String shown) {
		String text = PortalPage.text(shown);
		if (!text.matches("SEK \\d{1,3}(,\\d{3})*\\.\\d{2}")) {
			throw new IllegalArgumentException("Not an amount in SEK: \"" + shown + "\"");
		}
		return Long.parseLong(text.replaceAll("\\D", ""));
	}

	/** 129900 is "SEK 1,299.00". */
	public static String sek(long minor) {
		return String.format(Locale.US, "SEK %,.2f", BigDecimal.valueOf(minor, 2));
	}

	/** 129900 is "1299.00", as a form field holds it. */
	public static String plain(long minor) {
		return BigDecimal.valueOf(minor, 2).toPlainString();
	}

}
