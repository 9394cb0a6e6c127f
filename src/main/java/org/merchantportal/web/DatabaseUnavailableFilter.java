package org.merchantportal.web;

import java.io.IOException;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * When the database cannot be reached, any request (pages, htmx fragments, actions, the
 * session store itself) answers 503 with a clear message instead of an error page; for
 * htmx, the message goes to the page's status region. Each action runs in one
 * transaction, so none is half applied; once the database is back, the connection pool
 * reconnects and the portal serves again without a restart. Runs before the session and
 * security filters, which use the database too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	static final String MESSAGE = "The portal cannot reach its database right now. Nothing was changed: "
			+ "try again in a minute.";

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!DatabaseUnavailable.isCauseOf(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
					ex.toString());
			unavailable(request, response);
		}
	}

	private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "30");
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/html;charset=UTF-8");
		String message = HtmlUtils.htmlEscape(MESSAGE);
		if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
			// Leave the page as it is and show the message in its status region.
			response.setHeader("HX-Reswap", "none");
			response.getWriter()
				.write("<div hx-swap-oob=\"innerHTML:#status-message\"><span class=\"unavailable\">" + message
						+ "</span></div>");
			return;
		}
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily unavailable"
					+ " · Merchant Portal</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head><body>"
					+ "<main class=\"page narrow\" id=\"main\"><div class=\"card problem\" role=\"alert\">"
					+ "<h1>Temporarily unavailable</h1><p>" + message + "</p></div></main></body></html>");
	}

}
