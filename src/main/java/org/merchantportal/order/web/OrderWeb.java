package org.merchantportal.order.web;

import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.Staff;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Small translations between the web and the order domain.
 */
final class OrderWeb {

	private OrderWeb() {
	}

	/**
	 * The logged-in user as the order domain sees them, with the request's client
	 * address.
	 */
	static Staff staff(PortalUserDetails user) {
		String clientAddress = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
		return new Staff(user.merchantId(), user.getUsername(), user.role(), clientAddress);
	}

	/**
	 * What the details of an order need: the order, and the page of its timeline that was
	 * read (never the whole timeline).
	 */
	static void addDetails(OrderDetails details, Model model) {
		model.addAttribute("order", details.order());
		model.addAttribute("timeline", details.timeline());
	}

}
