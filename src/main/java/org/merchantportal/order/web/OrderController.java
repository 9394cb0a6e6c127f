package org.merchantportal.order.web;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderSearch.OrderPage;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.TimelinePage;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Orders page (search, filters, newest first, keyset pages), an order's details with
 * the newest page of its timeline, and the older pages of the timeline: appended in place
 * by htmx, a page of their own without JavaScript.
 */
@Controller
class OrderController {

	static final int PAGE_SIZE = 50;

	private final OrderSearch search;

	private final OrderService orders;

	private final OrderViewModel views;

	private final Clock clock;

	OrderController(OrderSearch search, OrderService orders, OrderViewModel views, Clock clock) {
		this.search = search;
		this.orders = orders;
		this.views = views;
		this.clock = clock;
	}

	@GetMapping("/orders")
	String list(@AuthenticationPrincipal PortalUserDetails user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String after,
			@RequestParam(required = false) String sort, HtmxRequest htmx, Model model) {
		OrderFilter filter = OrderFilter.parse(q, status, from, to, after, sort).inZone(user.timeZone());
		OrderPage page = this.search.find(user.merchantId(), filter, PAGE_SIZE);
		Instant now = this.clock.instant();
		model.addAttribute("filter", filter);
		model.addAttribute("page", page);
		model.addAttribute("rows", this.views.rows(page.orders(), user.role(), now));
		model.addAttribute("statuses", OrderStatus.values());
		addViewer(user, now, model);
		return (htmx.isHtmxRequest() && "order-results".equals(htmx.getTarget())) ? "orders/list :: results"
				: "orders/list";
	}

	@GetMapping("/orders/{orderId}")
	String details(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, Model model) {
		OrderDetails details = this.orders.details(OrderWeb.staff(user), orderId);
		Instant now = this.clock.instant();
		OrderWeb.addDetails(details, model);
		OrderSummary summary = OrderSummary.of(details.order());
		model.addAttribute("badges", this.views.badges(summary, now));
		model.addAttribute("menu", this.views.menu(summary, user.role(), now));
		addViewer(user, now, model);
		return "orders/details";
	}

	@GetMapping("/orders/{orderId}/timeline")
	String timeline(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String before, HtmxRequest htmx, Model model) {
		TimelinePage.Cursor cursor = TimelinePage.Cursor.parse(before);
		OrderWeb.addDetails(this.orders.details(OrderWeb.staff(user), orderId, cursor), model);
		addViewer(user, this.clock.instant(), model);
		return htmx.isHtmxRequest() ? "orders/timeline :: events" : "orders/timeline";
	}

	private static void addViewer(PortalUserDetails user, Instant now, Model model) {
		model.addAttribute("role", user.role());
		model.addAttribute("now", now);
	}

}
