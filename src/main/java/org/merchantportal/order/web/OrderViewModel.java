package org.merchantportal.order.web;

import java.util.EnumMap;
import java.util.Map;

import org.merchantportal.order.OrderAction;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every order template needs to link an action to its dialog.
 */
@ControllerAdvice(basePackageClasses = OrderViewModel.class)
class OrderViewModel {

	private static final Map<OrderAction, String> DIALOG_PATHS = new EnumMap<>(
			Map.of(OrderAction.CAPTURE, "captures/new", OrderAction.CANCEL, "cancel", OrderAction.REFUND, "refunds/new",
					OrderAction.RELEASE_AUTHORIZATION, "release-authorization", OrderAction.EXTEND_AUTHORIZATION,
					"extend-authorization"));

	@ModelAttribute("dialogPaths")
	Map<OrderAction, String> dialogPaths() {
		return DIALOG_PATHS;
	}

}
