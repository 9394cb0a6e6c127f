package org.merchantportal.order.web;

import java.util.Arrays;

import org.merchantportal.order.OrderAction;

/**
 * The dialog of each More actions item, in one place: the path the menu links to (under
 * /orders/{orderId}/) and the fragment of orders/dialogs.html that renders it.
 */
public enum ActionDialog {

	CAPTURE(OrderAction.CAPTURE, "captures/new", "capture"), CANCEL(OrderAction.CANCEL, "cancel", "cancel"),
	REFUND(OrderAction.REFUND, "refunds/new", "refund"),
	RELEASE(OrderAction.RELEASE_AUTHORIZATION, "release-authorization", "release"),
	EXTEND(OrderAction.EXTEND_AUTHORIZATION, "extend-authorization", "extend");

	private final OrderAction action;

	private final String path;

	private final String fragment;

	ActionDialog(OrderAction action, String path, String fragment) {
		this.action = action;
		this.path = path;
		this.fragment = fragment;
	}

	public static ActionDialog of(OrderAction action) {
		return Arrays.stream(values())
			.filter((dialog) -> dialog.action == action)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No dialog for " + action));
	}

	public String getPath() {
		return this.path;
	}

	public String getFragment() {
		return this.fragment;
	}

}
