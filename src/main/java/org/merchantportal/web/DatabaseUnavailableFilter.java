package org.merchantportal.web;

import java.io.IOException;
import java.util.Locale;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.Messages;
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

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final Messages messages;

	DatabaseUnavailableFilter(Messages messages) {
		this.messages = messages;
	}

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

	/**
	 * In the browser's language: the user's own choice is in the session, which is in the
	 * database.
	 */
	private void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Locale locale = Languages.of(request);
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "30");
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/html;charset=UTF-8");
		String message = HtmlUtils.htmlEscape(this.messages.get("unavailable.detail", locale));
		String title = HtmlUtils.htmlEscape(this.messages.get("unavailable.title", locale));
		if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
			// Leave the page as it is and show the message in its status region.
			response.setHeader(HtmxResponseHeader.HX_RESWAP.getValue(), "none");
			response.getWriter()
				.write("<div hx-swap-oob=\"innerHTML:#status-message\"><span class=\"unavailable\">" + message
						+ "</span></div>");
			return;
		}
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"><title>"
					+ title + " · Merchant Portal</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head>"
					+ "<body><main class=\"page narrow\" id=\"main\"><div class=\"card problem\" role=\"alert\">"
					+ "<h1>" + title + "</h1><p>" + message + "</p></div></main></body></html>");
	}

}
