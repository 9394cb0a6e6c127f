package org.merchantportal.order.web;

import org.merchantportal.order.Staff;
import org.merchantportal.security.PortalUserDetails;

/**
 * Small translations between the web and the order domain.
 */
final class OrderWeb {

	private OrderWeb() {
	}

	static Staff staff(PortalUserDetails user) {
		return new Staff(user.merchantId(), user.getUsername(), user.role());
	}

}
