package org.merchantportal.order.web;

import java.time.Clock;
import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Orders page (search, filters, newest first, keyset pages) and an order's details.
 */
@Controller
class OrderController {

	static final int PAGE_SIZE = 50;

	private final OrderSearch search;

	private final OrderService orders;

	private final Clock clock;

	OrderController(OrderSearch search, OrderService orders, Clock clock) {
		this.search = search;
		this.orders = orders;
		this.clock = clock;
	}

	@GetMapping("/orders")
	String list(@AuthenticationPrincipal PortalUserDetails user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String status, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String after,
			@RequestParam(required = false) String sort, HtmxRequest htmx, Model model) {
		OrderFilter filter = OrderFilter.parse(q, status, from, to, after, sort);
		model.addAttribute("filter", filter);
		model.addAttribute("page", this.search.find(user.merchantId(), filter, PAGE_SIZE));
		model.addAttribute("statuses", OrderStatus.values());
		addViewer(user, model);
		return (htmx.isHtmxRequest() && "order-results".equals(htmx.getTarget())) ? "orders/list :: results"
				: "orders/list";
	}

	@GetMapping("/orders/{orderId}")
	String details(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, Model model) {
		model.addAttribute("order", this.orders.get(OrderWeb.staff(user), orderId));
		addViewer(user, model);
		return "orders/details";
	}

	private void addViewer(PortalUserDetails user, Model model) {
		model.addAttribute("role", user.role());
		model.addAttribute("now", this.clock.instant());
	}

}
