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

	private static final Map<OrderAction, ActionDialog> DIALOGS = new EnumMap<>(OrderAction.class);

	static {
		for (OrderAction action : OrderAction.values()) {
			DIALOGS.put(action, ActionDialog.of(action));
		}
	}

	@ModelAttribute("dialogs")
	Map<OrderAction, ActionDialog> dialogs() {
		return DIALOGS;
	}

}
