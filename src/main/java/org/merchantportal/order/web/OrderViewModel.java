package org.merchantportal.order.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.merchantportal.i18n.Times;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Money;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.web.Badge;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Turns orders into what the order templates show: the rows of the Orders page and the
 * More actions menu of a row or of an order's page, with every text, amount, date and
 * link ready for the reader (texts from messages.properties, amounts in their locale),
 * written as HTML by {@link OrderRowsHtml}, which keeps a page of 50 rows cheap to
 * render; the menu lists exactly what {@link OrderSummary#availableActions} allows.
 */
@Component
class OrderViewModel {

	/** How much of the order id the Orders page shows. */
	private static final int SHORT_ID_LENGTH = 8;

	private final MessageSource messages;

	private final Times times;

	OrderViewModel(MessageSource messages, Times times) {
		this.messages = messages;
		this.times = times;
	}

	/** The HTML of a page's rows, for a reader with the role at that moment. */
	String rows(List<OrderSummary> orders, Role role, Instant now) {
		Texts texts = new Texts();
		List<OrderRow> rows = new ArrayList<>(orders.size());
		for (OrderSummary order : orders) {
			rows.add(texts.row(order, role, now));
		}
		return OrderRowsHtml.rows(rows, texts.labels(), false);
	}

	/** The HTML of one order's row, as an action's update replaces it (out of band). */
	String row(OrderSummary order, Role role, Instant now) {
		Texts texts = new Texts();
		return OrderRowsHtml.rows(List.of(texts.row(order, role, now)), texts.labels(), true);
	}

	/**
	 * The badges of an order's page: its status, and what else needs the reader's eye.
	 */
	List<Badge> badges(OrderSummary order, Instant now) {
		return new Texts().badges(order, now);
	}

	/** The HTML of the More actions menu of an order's page. */
	String menu(OrderSummary order, Role role, Instant now) {
		Texts texts = new Texts();
		return OrderRowsHtml.menu(texts.menu(order, role, now), texts.labels());
	}

	/**
	 * The texts of one response, each looked up or made once: status and action labels,
	 * amount formats.
	 */
	private final class Texts {

		private final Locale locale = LocaleContextHolder.getLocale();

		private final String orders = contextPath() + "/orders/";

		/** Dates in the reader's time zone, which the column's heading names. */
		private final DateTimeFormatter created = OrderViewModel.this.times.inColumn();

		private final Map<OrderStatus, String> statuses = new EnumMap<>(OrderStatus.class);

		private final Map<OrderAction, String> actions = new EnumMap<>(OrderAction.class);

		private final Map<String, String> flags = new HashMap<>();

		private final Map<Currency, Money.Format> amounts = new HashMap<>();

		OrderRow row(OrderSummary order, Role role, Instant now) {
			String id = order.publicId().toString();
			Money.Format amount = this.amounts.computeIfAbsent(order.currency(),
					(currency) -> Money.Format.of(currency, this.locale));
			return new OrderRow(id, this.orders + id, this.created.format(order.createdAt()), order.merchantReference(),
					id.substring(0, SHORT_ID_LENGTH), order.customerName(), order.customerEmail(),
					amount.format(order.orderAmount()), amount.format(order.captured()),
					amount.format(order.refunded()), badges(order, now), menu(order, role, now));
		}

		List<Badge> badges(OrderSummary order, Instant now) {
			List<Badge> badges = new ArrayList<>(2);
			badges.add(new Badge("status-" + order.status().name(), this.statuses.computeIfAbsent(order.status(),
					(status) -> message("order.status." + status.name()))));
			if (order.state().isExpiringSoon(now)) {
				badges.add(new Badge("expires-soon", flag("order.expiresSoon")));
			}
			if (order.state().isFullyRefunded()) {
				badges.add(new Badge("refunded", flag("order.fullyRefunded")));
			}
			if (order.state().isPartlyRefunded()) {
				badges.add(new Badge("refunded", flag("order.partlyRefunded")));
			}
			return badges;
		}

		private String flag(String code) {
			return this.flags.computeIfAbsent(code, (key) -> message(key));
		}

		ActionsMenu menu(OrderSummary order, Role role, Instant now) {
			String id = order.publicId().toString();
			List<ActionsMenu.Item> items = new ArrayList<>();
			for (OrderAction action : order.availableActions(role, now)) {
				items.add(new ActionsMenu.Item("menu-item menu-" + action.name(),
						this.orders + id + "/" + ActionDialog.of(action).getPath(),
						this.actions.computeIfAbsent(action, (key) -> message("action.label." + key.name()))));
			}
			return new ActionsMenu("actions-" + id,
					message(items.isEmpty() ? "menu.labelNone" : "menu.label", order.merchantReference()), items);
		}

		OrderRowsHtml.Labels labels() {
			return new OrderRowsHtml.Labels(message("orders.column.date", OrderViewModel.this.times.zone()),
					message("orders.column.orderId"), message("orders.column.amount"),
					message("orders.column.captured"), message("orders.column.refunded"), message("menu.button"),
					message("menu.buttonNone"), message("menu.noActions"));
		}

		private String message(String code, Object... args) {
			return OrderViewModel.this.messages.getMessage(code, args, this.locale);
		}

		private static String contextPath() {
			return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
					? request.getRequest().getContextPath() : "";
		}

	}

}
