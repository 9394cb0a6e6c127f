package org.merchantportal.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.audit.AuditDetail;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.security.LoginThrottle.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login from an address that failed too often ({@link LoginThrottle}) before
 * anything costly happens: no user lookup, no password hash, no write. Sits in the
 * security filter chain just before the form login, after the CSRF check.
 * <p>
 * The answer is the login page with the same generic message as any failed login, with
 * status 429 and {@code Retry-After}; an htmx request is also sent there whole
 * ({@code HX-Redirect}), since htmx swaps no 429. The first refusal of an address in a
 * minute is audited (one row, with the name tried); the rest are only counted in the
 * metrics, so that a flood of refused attempts is not a flood of database writes.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	static final String LOGIN_FAILED_PAGE = "/login?error";

	/**
	 * The request attribute that tells the login page a login was refused, for it to show
	 * the message of a failed login.
	 */
	public static final String REFUSED_ATTRIBUTE = "loginRefused";

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottleFilter.class);

	private static final RequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	LoginThrottleFilter(LoginThrottle throttle, AuditLog audit) {
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !LOGIN.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		Optional<Refusal> refusal = this.throttle.tryAcquire(address);
		if (refusal.isPresent()) {
			refuse(request, response, chain, address, refusal.get());
			return;
		}
		chain.doFilter(request, response);
		if (loggedIn()) {
			this.throttle.giveBack(address); // only failures count
		}
	}

	private boolean loggedIn() {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String address,
			Refusal refusal) throws ServletException, IOException {
		if (refusal.firstInWindow()) {
			audit(request, address);
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds()));
		if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
			response.setHeader(HtmxResponseHeader.HX_REDIRECT.getValue(), request.getContextPath() + LOGIN_FAILED_PAGE);
		}
		// On through the rest of the chain as the GET of the login page, which its own
		// controller renders with the message of a failed login. No authentication filter
		// acts on a GET.
		request.setAttribute(REFUSED_ATTRIBUTE, Boolean.TRUE);
		chain.doFilter(new AsGet(request), response);
	}

	private void audit(HttpServletRequest request, String address) {
		String username = String.valueOf(request.getParameter("username")).strip().toLowerCase(Locale.ROOT);
		logger.warn("Refusing logins from {} for a while: more than {} failed logins in a minute", address,
				this.throttle.maxFailuresPerMinute());
		try {
			this.audit.record(null, AuditEventType.LOGIN_THROTTLED, username, username,
					AuditDetail.of("audit.detail.throttled", this.throttle.maxFailuresPerMinute()), address);
		}
		catch (RuntimeException ex) {
			// The refusal stands without its record: a throttled login must stay cheap.
			logger.warn("Could not audit the refused logins from {}: {}", address, ex.toString());
		}
	}

	/** The refused POST, answered as the GET that shows the login page. */
	private static final class AsGet extends HttpServletRequestWrapper {

		AsGet(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return HttpMethod.GET.name();
		}

	}

}
