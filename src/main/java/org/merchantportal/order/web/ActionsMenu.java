package org.merchantportal.order.web;

import java.util.List;

/**
 * An order's More actions menu as {@link OrderRowsHtml} writes it: the button's id and
 * label, and one item per action the order and the reader's role allow now, each linking
 * to its dialog.
 */
public record ActionsMenu(String buttonId, String label, List<Item> items) {

	public ActionsMenu {
		items = List.copyOf(items);
	}

	/** The id of the menu the button opens. */
	public String menuId() {
		return this.buttonId + "-menu";
	}

	public boolean isEmpty() {
		return this.items.isEmpty();
	}

	/** One action: its CSS class (menu-item menu-CANCEL), its dialog's path and label. */
	public record Item(String cssClass, String href, String label) {

	}

}
