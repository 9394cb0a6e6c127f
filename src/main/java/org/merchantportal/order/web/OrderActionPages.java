package org.merchantportal.order.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.merchantportal.i18n.Messages;
import org.merchantportal.order.ActionOutcome;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.RefundReason;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the More actions answer with, for {@link OrderActionController} when an action is
 * asked for or done, and for {@link OrderActionRefusals} when it is refused: the action's
 * dialog (an htmx fragment, or a page of its own), and the order as the page the request
 * came from shows it afterwards.
 */
@Component
class OrderActionPages {

	private final OrderService orders;

	private final Messages messages;

	private final OrderViewModel views;

	private final Clock clock;

	OrderActionPages(OrderService orders, Messages messages, OrderViewModel views, Clock clock) {
		this.orders = orders;
		this.messages = messages;
		this.views = views;
		this.clock = clock;
	}

	/**
	 * The action's dialog for the order, with what the form shows.
	 * @param form the form's fields, or null for a dialog without fields
	 */
	String render(PortalUserDetails user, Order order, OrderAction action, Object form, HtmxRequest htmx, Model model) {
		model.addAttribute("order", order);
		model.addAttribute("action", action);
		model.addAttribute("form", form);
		model.addAttribute("reasons", RefundReason.values());
		addViewer(user, model);
		if (model.getAttribute("refusal") == null
				&& !order.availableActions(user.role(), this.clock.instant()).contains(action)) {
			String reason = user.role().mayActOnOrders() ? "action.unavailable" : "action.notPermitted";
			model.addAttribute("refusal", this.messages.get(reason, LocaleContextHolder.getLocale()));
		}
		String fragment = ActionDialog.of(action).getFragment();
		model.addAttribute("dialog", fragment);
		return htmx.isHtmxRequest() ? "orders/dialogs :: " + fragment : "orders/action";
	}

	Order order(PortalUserDetails user, UUID orderId) {
		return this.orders.get(OrderWeb.staff(user), orderId);
	}

	/**
	 * The order as the page the request came from shows it after an action: its row on
	 * the Orders page (from the order as the action left it, when known), or its details
	 * (with the newest page of its timeline) on its own.
	 * @param known the order as the action left it, or null to read it
	 */
	OrderSummary addOrderShown(PortalUserDetails user, UUID orderId, OrderSummary known, HtmxRequest htmx,
			Model model) {
		boolean onDetailsPage = isDetailsPage(htmx, orderId);
		model.addAttribute("onDetailsPage", onDetailsPage);
		model.addAttribute("orderId", orderId);
		if (onDetailsPage) {
			OrderDetails details = this.orders.details(OrderWeb.staff(user), orderId);
			OrderWeb.addDetails(details, model);
			return OrderSummary.of(details.order());
		}
		return (known != null) ? known : OrderSummary.of(order(user, orderId));
	}

	void addViewer(PortalUserDetails user, Model model) {
		model.addAttribute("role", user.role());
		model.addAttribute("now", this.clock.instant());
	}

	/**
	 * What replaces the order's row (as a list of one, see orders/list.html) or the menu
	 * of its details, out of band, after an action or a refusal.
	 */
	void addUpdate(OrderSummary summary, PortalUserDetails user, Model model) {
		Instant now = (Instant) model.getAttribute("now");
		model.addAttribute("rows", this.views.row(summary, user.role(), now));
		model.addAttribute("badges", this.views.badges(summary, now));
		model.addAttribute("menu", this.views.menu(summary, user.role(), now));
	}

	String describe(ActionOutcome outcome, OrderSummary order, Locale locale) {
		String code = (outcome.changed() ? "action.done." : "action.unchanged.") + outcome.action().name();
		return this.messages.get(code, locale, order.merchantReference(),
				(outcome.amount() != null) ? outcome.amount() : "",
				(outcome.expiresOn() != null) ? outcome.expiresOn() : "");
	}

	private static boolean isDetailsPage(HtmxRequest htmx, UUID orderId) {
		String current = htmx.getCurrentUrl();
		if (current == null) {
			return false;
		}
		try {
			return ("/orders/" + orderId).equals(URI.create(current).getPath());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	String newKey() {
		return OrderService.newFormKey(this.clock.instant());
	}

}
