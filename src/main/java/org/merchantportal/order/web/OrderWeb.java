package org.merchantportal.order.web;

import org.merchantportal.order.Staff;
import org.merchantportal.security.PortalUserDetails;

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

}
