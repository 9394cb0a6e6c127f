package org.merchantportal.security;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.merchantportal.audit.AuditLog;
import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.web.ApiError;
import org.merchantportal.web.DatabaseUnavailable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.session.SessionInformationExpiredEvent;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Form login against the users table, roles on the server, CSRF on, strict headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** The provider's own operations staff, for the management endpoints. */
	static final String OPERATOR = "OPERATOR";

	/** The portal's own static files (see {@link #staticFiles}). */
	static final String[] STATIC_FILES = { "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg" };

	/**
	 * The management endpoints: health for load balancers, open; the rest (Prometheus
	 * metrics across all merchants) only for the provider's operator, with HTTP Basic and
	 * the password of PORTAL_OPERATOR_PASSWORD. No merchant's user, not even an ADMIN,
	 * reaches them; without that password nobody does.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain operations(HttpSecurity http, PasswordEncoder encoder,
			@Value("${portal.operator.username:operator}") String username,
			@Value("${portal.operator.password:}") String password) throws Exception {
		InMemoryUserDetailsManager operators = new InMemoryUserDetailsManager();
		if (!password.isBlank()) {
			operators
				.createUser(User.withUsername(username).password(encoder.encode(password)).roles(OPERATOR).build());
		}
		DaoAuthenticationProvider operatorLogin = new DaoAuthenticationProvider(operators);
		operatorLogin.setPasswordEncoder(encoder);
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR))
			.authenticationManager(new ProviderManager(operatorLogin))
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable()); // no session, no cookie: nothing to forge
		return http.build();
	}

	/**
	 * The portal's own static files: open to all, with the same headers, and stateless,
	 * so that no style sheet, script or icon reads or writes the session (on PostgreSQL,
	 * a query and an update in the session store per file).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain staticFiles(HttpSecurity http) throws Exception {
		http.securityMatcher(STATIC_FILES)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// no session, nothing changes: nothing to forge
			.csrf((csrf) -> csrf.disable())
			.headers(SecurityConfig::strictHeaders);
		return http.build();
	}

	/** The merchant API's paths, Klarna's Order Management API v1 (see order.api). */
	static final String MERCHANT_API = "/ordermanagement/**";

	/**
	 * The merchant API: stateless, HTTP Basic with an API credential of the merchant
	 * (never a person's password), no session and so no CSRF. Refusals answer in the
	 * API's own error shape, 401 with a Basic challenge and 403, never the login page.
	 * The OpenAPI document is open.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain merchantApi(HttpSecurity http, ObjectProvider<ApiCredentials> credentials, JsonMapper json,
			@Value("${portal.api.requests-per-second:50}") int requestsPerSecond) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
			if (DatabaseUnavailable.isCauseOf(failure)) {
				// Not the client's fault: a 401 would read as a revoked credential.
				ApiError.write(response, json, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
						"The portal cannot reach its database just now. Retry in a moment.");
				return;
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + API_REALM + "\"");
			ApiError.write(response, json, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
					"Authenticate with the username and password of one of the merchant's API credentials.");
		};
		http.securityMatcher(MERCHANT_API)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/ordermanagement/v1/openapi.json",
						"/ordermanagement/v1/openapi.json.yaml")
				.permitAll()
				.anyRequest()
				.hasRole(ApiCredentialAuthenticationProvider.API_CLIENT))
			.authenticationManager(new ProviderManager(new ApiCredentialAuthenticationProvider(credentials)))
			.httpBasic((basic) -> basic.realmName(API_REALM).authenticationEntryPoint(unauthorized))
			.addFilterAfter(new ApiLimits(json, requestsPerSecond), BasicAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler((request, response, denied) -> ApiError.write(response, json, HttpStatus.FORBIDDEN,
						"NOT_ALLOWED", "This credential may not do that.")))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			// no session, no cookie: nothing to forge
			.csrf((csrf) -> csrf.disable())
			.headers(SecurityConfig::strictHeaders);
		return http.build();
	}

	private static final String API_REALM = "Merchant Portal API";

	/**
	 * Form login for the merchants' staff. Every redirect is relative (with
	 * server.tomcat.use-relative-redirects): none carries a host taken from the request.
	 * A login from an address that failed too often is refused before its password is
	 * checked ({@link LoginThrottleFilter}).
	 */
	@Bean
	@Order(3)
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<SessionRegistry> sessions,
			LoginThrottle throttle, AuditLog audit) throws Exception {
		// Back to the page that asked for the login (saved in the session), by its path
		// alone: the saved URL's host is the request's Host header.
		SavedRequestAwareAuthenticationSuccessHandler loggedIn = new SavedRequestAwareAuthenticationSuccessHandler();
		loggedIn.setDefaultTargetUrl("/orders");
		loggedIn.setRedirectStrategy(new RelativeRedirectStrategy());
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers("/login", "/error", "/actuator/health", "/actuator/health/**")
					.permitAll()
					.requestMatchers("/users", "/users/**", "/api-credentials", "/api-credentials/**")
					.hasRole(Role.ADMIN.name())
					.requestMatchers(HttpMethod.POST, "/orders/**")
					.hasAnyRole(Role.ADMIN.name(), Role.ORDER_MANAGER.name())
					.anyRequest()
					.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(loggedIn)
				.failureHandler(SecurityConfig::loginFailed)
				.permitAll())
			.addFilterBefore(new LoginThrottleFilter(throttle, audit), UsernamePasswordAuthenticationFilter.class)
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout")
				.invalidateHttpSession(true)
				.deleteCookies("JSESSIONID", "SESSION")
				.permitAll())
			// An htmx request on an expired session reloads the page instead of swapping
			// the login form into a table cell.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
						new RequestHeaderRequestMatcher(HtmxRequestHeader.HX_REQUEST.getValue()))
				.defaultAuthenticationEntryPointFor(new ToLoginPage(), AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor(SecurityConfig::htmxAccessDenied,
						new RequestHeaderRequestMatcher(HtmxRequestHeader.HX_REQUEST.getValue()))
				.defaultAccessDeniedHandlerFor(SecurityConfig::accessDenied, AnyRequestMatcher.INSTANCE))
			.headers(SecurityConfig::strictHeaders);
		// On a single node, track each user's sessions, so that disabling a user or
		// changing their role ends them (see SessionConfig); an ended session goes to the
		// login page. A shared store deletes them instead.
		sessions.ifAvailable((registry) -> http.sessionManagement((session) -> session.maximumSessions(-1)
			.sessionRegistry(registry)
			.expiredSessionStrategy(SecurityConfig::sessionEnded)));
		return http.build();
	}

	/** The same headers as on everything Tomcat answers by itself (SecurityHeaders). */
	private static void strictHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.defaultsDisabled().addHeaderWriter(SecurityHeaders.writer());
	}

	/** A session an admin ended: log in again (the whole page, for htmx too). */
	private static void sessionEnded(SessionInformationExpiredEvent event) throws IOException {
		toLoginPage(event.getRequest(), event.getResponse(), "/login?ended");
	}

	/**
	 * An htmx request refused with 403: where its session timed out (so its CSRF token
	 * went with it), the page reloads and so goes to the login page; otherwise a plain
	 * 403.
	 */
	private static void htmxAccessDenied(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException denied) throws IOException {
		if (sessionEnded(request)) {
			response.setHeader(HtmxResponseHeader.HX_REFRESH.getValue(), "true");
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	/**
	 * A page or form refused with 403: where its session timed out (a form's CSRF token
	 * went with it), to the login page, which says why; otherwise a plain 403.
	 */
	private static void accessDenied(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException denied) throws IOException {
		if (sessionEnded(request)) {
			response.sendRedirect(request.getContextPath() + TIMED_OUT);
			return;
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	/** The login page, saying that the session ended after its time without activity. */
	private static final String TIMED_OUT = "/login?expired";

	/**
	 * Whether the request came with a session that has ended meanwhile: it timed out (or
	 * a restart lost it, which the portal cannot tell apart).
	 */
	private static boolean sessionEnded(HttpServletRequest request) {
		return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
	}

	/**
	 * To the login page, with word of why where the request's session ended meanwhile
	 * (after an action on a session that timed out, the user would otherwise wonder).
	 */
	private static final class ToLoginPage extends LoginUrlAuthenticationEntryPoint {

		ToLoginPage() {
			super("/login");
		}

		@Override
		protected String determineUrlToUseForThisRequest(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) {
			return sessionEnded(request) ? TIMED_OUT : getLoginFormUrl();
		}

	}

	private static void toLoginPage(HttpServletRequest request, HttpServletResponse response, String location)
			throws IOException {
		if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
			// Reload the page rather than swap the login form into part of it.
			response.setHeader(HtmxResponseHeader.HX_REFRESH.getValue(), "true");
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		response.sendRedirect(request.getContextPath() + location);
	}

	/**
	 * A wrong password goes back to the login page with one generic message; a database
	 * that cannot be reached is not the user's fault and answers 503 instead.
	 */
	private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException, ServletException {
		if (DatabaseUnavailable.isCauseOf(failure)) {
			throw new ServletException(failure);
		}
		new SimpleUrlAuthenticationFailureHandler(LoginThrottleFilter.LOGIN_FAILED_PAGE)
			.onAuthenticationFailure(request, response, failure);
	}

	/**
	 * Checks the password before the account's state, so that a locked or disabled
	 * account costs the same time as a wrong password and answers the same message, and a
	 * locked account refuses even the right password.
	 */
	@Bean
	DaoAuthenticationProvider authenticationProvider(PortalUserRepository users, MerchantRepository merchants,
			Clock clock, PasswordEncoder encoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(
				new PortalUserDetailsService(users, merchants, clock));
		provider.setPasswordEncoder(encoder);
		provider.setPreAuthenticationChecks((user) -> {
		});
		provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
		return provider;
	}

	/**
	 * The delegating encoder: new passwords as BCrypt over SHA-256 (passwords may be
	 * longer than BCrypt's 72 bytes), and every id Spring Security knows, {bcrypt} among
	 * them, for stored ones.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		Map<String, PasswordEncoder> encoders = new HashMap<>();
		encoders.put(BcryptSha256PasswordEncoder.ID, new BcryptSha256PasswordEncoder());
		encoders.put("bcrypt", new BCryptPasswordEncoder());
		DelegatingPasswordEncoder delegating = new DelegatingPasswordEncoder(BcryptSha256PasswordEncoder.ID, encoders);
		delegating.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return delegating;
	}

}
