package org.merchantportal.security;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.web.DatabaseUnavailable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
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

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, SessionRegistry sessions) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico",
					"/favicon.svg", "/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/users", "/users/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers(HttpMethod.POST, "/orders/**")
			.hasAnyRole(Role.ADMIN.name(), Role.ORDER_MANAGER.name())
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/orders")
				.failureHandler(SecurityConfig::loginFailed)
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout")
				.invalidateHttpSession(true)
				.deleteCookies("JSESSIONID", "SESSION")
				.permitAll())
			// An htmx request on an expired session reloads the page instead of swapping
			// the login form into a table cell.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
						new RequestHeaderRequestMatcher("HX-Request"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor(SecurityConfig::htmxAccessDenied,
						new RequestHeaderRequestMatcher("HX-Request")))
			// Track each user's sessions, so that disabling a user or changing their role
			// ends them (see SessionConfig); an ended session goes to the login page.
			.sessionManagement((session) -> session.maximumSessions(-1)
				.sessionRegistry(sessions)
				.expiredSessionStrategy(SecurityConfig::sessionEnded))
			// The same headers as on everything Tomcat answers by itself
			// (SecurityHeaders).
			.headers((headers) -> headers.defaultsDisabled().addHeaderWriter(SecurityHeaders.writer()));
		return http.build();
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
		if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
			response.setHeader("HX-Refresh", "true");
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	private static void toLoginPage(HttpServletRequest request, HttpServletResponse response, String location)
			throws IOException {
		if (HtmxRequest.fromRequest(request).isHtmxRequest()) {
			// Reload the page rather than swap the login form into part of it.
			response.setHeader("HX-Refresh", "true");
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
		new SimpleUrlAuthenticationFailureHandler("/login?error").onAuthenticationFailure(request, response, failure);
	}

	/**
	 * Checks the password before the account's state, so that a locked or disabled
	 * account costs the same time as a wrong password and answers the same message, and a
	 * locked account refuses even the right password.
	 */
	@Bean
	DaoAuthenticationProvider authenticationProvider(PortalUserRepository users, Clock clock, PasswordEncoder encoder) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new PortalUserDetailsService(users, clock));
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
