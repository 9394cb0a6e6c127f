package org.merchantportal.merchant;

/**
 * What a merchant's user may do, after Klarna's access rights.
 */
public enum Role {

	/** Everything, plus managing the merchant's users. */
	ADMIN,

	/** Klarna "Full": capture, cancel, refund, release, extend, export. */
	ORDER_MANAGER,

	/** Klarna "Limited": view, search and export only. */
	VIEWER;

	public boolean mayActOnOrders() {
		return this != VIEWER;
	}

}
