package org.merchantportal.order.web;

import java.time.Clock;

import org.merchantportal.order.OrderRepository;
import org.merchantportal.security.PortalUserDetails;
import org.springframework.data.domain.Limit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Orders page: the logged-in user's merchant's orders, newest first.
 */
@Controller
class OrderController {

	static final int PAGE_SIZE = 50;

	private final OrderRepository orders;

	private final Clock clock;

	OrderController(OrderRepository orders, Clock clock) {
		this.orders = orders;
		this.clock = clock;
	}

	@GetMapping("/orders")
	@Transactional(readOnly = true)
	String list(@AuthenticationPrincipal PortalUserDetails user, Model model) {
		model.addAttribute("orders",
				this.orders.findByMerchantIdOrderByCreatedAtDescIdDesc(user.merchantId(), Limit.of(PAGE_SIZE)));
		model.addAttribute("now", this.clock.instant());
		return "orders/list";
	}

}
