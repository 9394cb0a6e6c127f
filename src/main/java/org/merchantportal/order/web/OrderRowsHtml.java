package org.merchantportal.order.web;

import java.util.List;

import org.merchantportal.web.Badge;

import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

/**
 * The HTML of the Orders page's rows and of an order's More actions menu, written here
 * rather than by a template because it is the bulk of the page: 50 rows, each with up to
 * four menu items. Rendered by Thymeleaf, element by element and expression by
 * expression, these rows took about 60% of an Orders page's time (the menus alone over a
 * third), more than the query, the security chain and the layout together; written
 * straight from {@link OrderRow}s, whose every text is ready, they cost a fraction of a
 * millisecond.
 * <p>
 * The templates place the result with {@code th:utext}: every text and attribute value
 * that comes from data is escaped here, exactly as {@code th:text} escapes it (the same
 * escaping, of the library Thymeleaf uses). The markup exists only here: the Orders page,
 * the row an action updates out of band, and the menu on an order's page all come from
 * these two methods.
 */
final class OrderRowsHtml {

	private final StringBuilder out;

	private OrderRowsHtml(int capacity) {
		this.out = new StringBuilder(capacity);
	}

	/**
	 * The rows, as {@code
	 *
	<tr>
	 * }s of the Orders table.
	 * @param outOfBand whether each row replaces the row of the same id on the page (htmx
	 * {@code hx-swap-oob}), as after an action
	 */
	static String rows(List<OrderRow> rows, Labels labels, boolean outOfBand) {
		OrderRowsHtml html = new OrderRowsHtml(rows.size() * 2048);
		for (OrderRow row : rows) {
			html.writeRow(row, labels, outOfBand);
		}
		return html.out.toString();
	}

	/** One order's More actions menu, as its row and its own page show it. */
	static String menu(ActionsMenu menu, Labels labels) {
		OrderRowsHtml html = new OrderRowsHtml(1024);
		html.writeMenu(menu, labels);
		return html.out.toString();
	}

	private void writeRow(OrderRow row, Labels labels, boolean outOfBand) {
		open("tr").attribute("id", row.rowId()).attribute("class", "order-row");
		if (outOfBand) {
			attribute("hx-swap-oob", "true");
		}
		raw(">\n");
		cell("nowrap", labels.date(), row.created());
		raw("<td>").open("a").attribute("class", "reference").attribute("href", row.href()).raw(">");
		text(row.reference()).raw("</a></td>\n");
		open("td").attribute("data-label", labels.orderId()).raw("><code").attribute("title", row.orderId()).raw(">");
		text(row.shortId()).raw("</code></td>\n");
		raw("<td><span class=\"customer-name\">").text(row.customerName());
		raw("</span> <span class=\"customer-email\">").text(row.customerEmail()).raw("</span></td>\n");
		cell("num", labels.amount(), row.amount());
		cell("num", labels.captured(), row.captured());
		cell("num", labels.refunded(), row.refunded());
		raw("<td class=\"status-cell\">");
		String separator = "";
		for (Badge badge : row.badges()) {
			raw(separator).open("span").attribute("class", "badge " + badge.kind()).raw(">");
			text(badge.text()).raw("</span>");
			separator = " ";
		}
		raw("</td>\n<td class=\"actions-cell\">");
		writeMenu(row.menu(), labels);
		raw("</td>\n</tr>\n");
	}

	/**
	 * A {@code <details>} whose items link to the dialogs' pages works without
	 * JavaScript; with it, htmx loads the dialog instead (hx-boost), and portal.js makes
	 * it a WAI-ARIA menu button.
	 */
	private void writeMenu(ActionsMenu menu, Labels labels) {
		// A menu with nothing to choose says so on its button, and in its name.
		raw("<details class=\"actions-menu\">\n<summary class=\"menu-button")
			.raw(menu.isEmpty() ? " menu-button-none" : "")
			.raw("\" aria-haspopup=\"menu\"");
		attribute("id", menu.buttonId()).attribute("aria-label", menu.label()).raw(">");
		text(menu.isEmpty() ? labels.menuButtonNone() : labels.menuButton()).raw("</summary>\n");
		raw("<ul class=\"menu\" role=\"menu\"").attribute("id", menu.menuId());
		attribute("aria-labelledby", menu.buttonId());
		raw(" hx-boost=\"true\" hx-target=\"#dialog-content\" hx-swap=\"innerHTML show:none\" hx-push-url=\"false\">\n");
		if (menu.isEmpty()) {
			raw("<li role=\"none\"><span role=\"menuitem\" class=\"menu-item\" aria-disabled=\"true\" tabindex=\"-1\">");
			text(labels.noActions()).raw("</span></li>\n");
		}
		for (ActionsMenu.Item item : menu.items()) {
			raw("<li role=\"none\"><a role=\"menuitem\" tabindex=\"-1\"").attribute("class", item.cssClass());
			attribute("href", item.href()).raw(">").text(item.label()).raw("</a></li>\n");
		}
		raw("</ul>\n</details>");
	}

	/** A cell that names its column for the phone layout, which shows rows as cards. */
	private void cell(String cssClass, String label, String text) {
		open("td").attribute("class", cssClass).attribute("data-label", label).raw(">").text(text).raw("</td>\n");
	}

	private OrderRowsHtml open(String element) {
		this.out.append('<').append(element);
		return this;
	}

	private OrderRowsHtml attribute(String name, String value) {
		this.out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
		return this;
	}

	private OrderRowsHtml text(String text) {
		this.out.append(escape(text));
		return this;
	}

	private OrderRowsHtml raw(String markup) {
		this.out.append(markup);
		return this;
	}

	/**
	 * As {@code th:text} and Thymeleaf's attribute values escape ({@code & < > " '}), and
	 * every character beyond ASCII as a character reference too ({@code …} as
	 * {@code &hellip;}, {@code å} as {@code &aring;}): the rows are then plain ASCII,
	 * kept by Java in one byte a character and sent by Tomcat through its ASCII fast
	 * path. A single {@code …} in a menu made the whole 80 KB of rows a two-byte string,
	 * copied and encoded to UTF-8 character by character: about a seventh of the CPU
	 * samples of an Orders page under load.
	 */
	private static String escape(String text) {
		return (text != null) ? HtmlEscape.escapeHtml(text, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
				HtmlEscapeLevel.LEVEL_2_ALL_NON_ASCII_PLUS_MARKUP_SIGNIFICANT) : "";
	}

	/**
	 * The texts of the rows and menus that are the same in every row, in the reader's
	 * language: the column names the phone layout shows, the badges, the menu's button.
	 */
	record Labels(String date, String orderId, String amount, String captured, String refunded, String menuButton,
			String menuButtonNone, String noActions) {

	}

}
