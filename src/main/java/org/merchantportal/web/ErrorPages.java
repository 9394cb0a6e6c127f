package org.merchantportal.web;

import java.util.HashMap;
import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error a browser meets that no page of its own answered (Spring Boot's error view:
 * an unknown address, a page the user's role may not open, a method the address does not
 * take, a failure): the problem page in the layout, titled by what went wrong; for htmx
 * its message alone, since the whole layout swapped into a dialog or the results would
 * bring a second header.
 */
@Component
class ErrorPages implements ErrorViewResolver {

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		Map<String, Object> shown = new HashMap<>(model);
		shown.put("titleKey", titleKey(status));
		String view = HtmxRequest.fromRequest(request).isHtmxRequest() ? "error/problem :: message" : "error/problem";
		return new ModelAndView(view, shown, status);
	}

	/** What the page says went wrong (each key has its {@code .detail}). */
	static String titleKey(HttpStatus status) {
		return switch (status) {
			case FORBIDDEN -> "error.page.403";
			case NOT_FOUND -> "error.page.404";
			case METHOD_NOT_ALLOWED -> "error.page.405";
			default -> status.is4xxClientError() ? "error.badRequest" : "error.page.other";
		};
	}

}
