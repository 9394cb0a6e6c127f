package org.merchantportal.order.web;

import java.util.List;

import org.merchantportal.web.Badge;

/**
 * One order as a row of the Orders page shows it, every text ready for the reader's
 * locale, for {@link OrderRowsHtml} to place. Built by {@link OrderViewModel}.
 *
 * @param orderId the public order id
 * @param href the order's page
 * @param shortId what the Order id column shows: the start of the id
 * @param badges the order's status, then what else needs the reader's eye: expiry soon,
 * refunds
 */
public record OrderRow(String orderId, String href, String created, String reference, String shortId,
		String customerName, String customerEmail, String amount, String captured, String refunded, List<Badge> badges,
		ActionsMenu menu) {

	/** The row's element id, which an action's out-of-band update replaces. */
	public String rowId() {
		return "order-" + this.orderId;
	}

}
