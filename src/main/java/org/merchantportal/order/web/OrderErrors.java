package org.merchantportal.order.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.Messages;
import org.merchantportal.order.InvalidCursorException;
import org.merchantportal.order.InvalidFilterException;
import org.merchantportal.order.OrderNotFoundException;
import org.merchantportal.web.PageModel;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of the order pages in one place: an unknown or another merchant's order is a
 * 404, a malformed search or page link a 400, each as a page, or as a message fragment
 * for htmx.
 */
@ControllerAdvice(basePackageClasses = OrderErrors.class)
class OrderErrors {

	private final Messages messages;

	OrderErrors(Messages messages) {
		this.messages = messages;
	}

	/** An order id that is not even a UUID is as unknown as any other. */
	@ExceptionHandler({ OrderNotFoundException.class, MethodArgumentTypeMismatchException.class })
	String notFound(HtmxRequest htmx, HttpServletRequest request, HttpServletResponse response, Model model) {
		return problem(HttpStatus.NOT_FOUND, "error.orderNotFound", htmx, request, response, model);
	}

	@ExceptionHandler(InvalidFilterException.class)
	String badFilter(InvalidFilterException ex, HtmxRequest htmx, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		model.addAttribute("detail", this.messages.get(ex, LocaleContextHolder.getLocale()));
		if ("order-results".equals(htmx.getTarget())) {
			// The search as you type: the message takes the results' place, which stays
			// the
			// target of the next search.
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "orders/list :: invalidFilter";
		}
		return problem(HttpStatus.BAD_REQUEST, "error.badRequest", htmx, request, response, model);
	}

	@ExceptionHandler(InvalidCursorException.class)
	String badCursor(HtmxRequest htmx, HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("detail", this.messages.get("error.timelineCursor", LocaleContextHolder.getLocale()));
		return problem(HttpStatus.BAD_REQUEST, "error.badRequest", htmx, request, response, model);
	}

	private static String problem(HttpStatus status, String titleKey, HtmxRequest htmx, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("titleKey", titleKey);
		if (!htmx.isHtmxRequest()) {
			PageModel.addTo(model, request);
			if (status == HttpStatus.NOT_FOUND) {
				// The language switch returns to the Orders page, not to the address of
				// an
				// order that is not there: the page names no order id, and another
				// merchant's order answers byte for byte as one that does not exist.
				model.addAttribute("currentPage", "/orders");
			}
		}
		return htmx.isHtmxRequest() ? "error/problem :: message" : "error/problem";
	}

}
