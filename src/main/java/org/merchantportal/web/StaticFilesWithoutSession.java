package org.merchantportal.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Static files (style sheets, scripts, icons) never touch the session: to whatever asks
 * during such a request (Spring MVC looks for flash attributes on every request, Spring
 * Security's session management asks for the requested session's id), there is none, and
 * none was asked for. Where sessions live in PostgreSQL, that spares each file a query
 * and an update in the session store: Spring Session loads the session even to answer
 * {@link HttpServletRequest#getRequestedSessionId()}. Registered in {@link WebConfig} for
 * the static paths.
 */
class StaticFilesWithoutSession extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public HttpSession getSession(boolean create) {
				return null;
			}

			@Override
			public HttpSession getSession() {
				return null;
			}

			@Override
			public String changeSessionId() {
				throw new IllegalStateException("A static file has no session");
			}

			@Override
			public String getRequestedSessionId() {
				return null;
			}

			@Override
			public boolean isRequestedSessionIdValid() {
				return false;
			}

			@Override
			public boolean isRequestedSessionIdFromCookie() {
				return false;
			}

			@Override
			public boolean isRequestedSessionIdFromURL() {
				return false;
			}

		}, response);
	}

}
