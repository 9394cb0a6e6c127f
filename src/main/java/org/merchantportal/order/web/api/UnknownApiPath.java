package org.merchantportal.order.web.api;

import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What no endpoint of the merchant API takes, answered as the API answers errors (with a
 * correlation id), not with Spring Boot's error page: a path the API does not have is 404
 * NOT_FOUND; a path it has, with another method, 405 METHOD_NOT_ALLOWED; with an Accept
 * header that excludes JSON, 406 NOT_ACCEPTABLE. Every real endpoint's pattern is more
 * specific than this one, so it wins.
 */
@Hidden
@RestController
class UnknownApiPath {

	private final RequestMappingHandlerMapping mappings;

	UnknownApiPath(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		this.mappings = mappings;
	}

	@RequestMapping("/ordermanagement/**")
	void none(HttpServletRequest request) {
		Set<String> methods = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			PathPatternsRequestCondition paths = info.getPathPatternsCondition();
			if (handler.getBeanType() == OrderApiController.class && paths != null
					&& paths.getMatchingCondition(request) != null) {
				info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
			}
		});
		if (methods.isEmpty()) {
			throw new ApiErrors.NotFoundException("NOT_FOUND", "There is no such endpoint in this API.");
		}
		if (!methods.contains(request.getMethod())) {
			throw new ApiErrors.NotAllowedException(methods);
		}
		throw new ApiErrors.NotAcceptableException();
	}

}
