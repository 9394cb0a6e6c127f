package org.merchantportal.order.web;

/**
 * One order as a row of the Orders page shows it, every text ready for the reader's
 * locale, for {@link OrderRowsHtml} to place. Built by {@link OrderViewModel}.
 *
 * @param orderId the public order id
 * @param href the order's page
 * @param shortId what the Order id column shows: the start of the id
 * @param statusClass the status badge's CSS classes
 */
public record OrderRow(String orderId, String href, String created, String reference, String shortId,
		String customerName, String customerEmail, String amount, String captured, String refunded, String statusClass,
		String statusLabel, boolean expiresSoon, boolean fullyRefunded, boolean partlyRefunded, ActionsMenu menu) {

	/** Whether the row shows any badge besides its status. */
	public boolean flagged() {
		return this.expiresSoon || this.fullyRefunded || this.partlyRefunded;
	}

	/** The row's element id, which an action's out-of-band update replaces. */
	public String rowId() {
		return "order-" + this.orderId;
	}

}
