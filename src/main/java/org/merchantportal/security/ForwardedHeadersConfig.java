package org.merchantportal.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * Forwarded headers only from the load balancers named in {@code PORTAL_TRUSTED_PROXIES}.
 * <p>
 * Tomcat's {@link RemoteIpValve} (Spring Boot's {@code server.forward-headers-strategy=
 * native}) reads X-Forwarded-For, X-Forwarded-Proto, X-Forwarded-Host and
 * X-Forwarded-Port, but only on a request whose direct peer is one of its "internal
 * proxies". Spring Boot's default for those is every private and loopback address, so a
 * node trusted anyone on its network; here they are exactly the trusted proxies, and none
 * by default. For X-Forwarded-For the valve walks the chain from the right, skipping
 * trusted proxies, and takes the first address that is not one as the client: the
 * leftmost values, which a client can send itself through a proxy that appends, are never
 * believed. The RFC 7239 {@code Forwarded} header is not read from anyone (the valve does
 * not know it; Spring's parser of it would take the leftmost {@code for=}).
 * <p>
 * After the valve, Spring's {@link ForwardedHeaderFilter} in its remove-only mode hides
 * every forwarded header, believed or not, from the rest of the application, so nothing
 * past the servlet container can read one by accident. Redirects never use the host of a
 * request (see {@code server.tomcat.use-relative-redirects} and
 * {@link RelativeRedirectStrategy}), so a forwarded or forged Host cannot steer them.
 */
@Configuration(proxyBeanMethods = false)
class ForwardedHeadersConfig {

	private static final Logger logger = LoggerFactory.getLogger(ForwardedHeadersConfig.class);

	@Bean
	TrustedProxiesOnly trustedProxiesOnly(@Value("${portal.trusted-proxies:}") String trustedProxies) {
		return new TrustedProxiesOnly(TrustedProxies.parse(trustedProxies));
	}

	@Bean
	FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeadersHidden() {
		ForwardedHeaderFilter filter = new ForwardedHeaderFilter();
		filter.setRemoveOnly(true);
		FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Gives the RemoteIpValve that Spring Boot adds the trusted proxies as its internal
	 * proxies, replacing Boot's default of every private address. Runs after Boot's own
	 * customizer, which creates the valve.
	 */
	static final class TrustedProxiesOnly
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final TrustedProxies proxies;

		TrustedProxiesOnly(TrustedProxies proxies) {
			this.proxies = proxies;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			List<RemoteIpValve> valves = factory.getEngineValves()
				.stream()
				.filter(RemoteIpValve.class::isInstance)
				.map(RemoteIpValve.class::cast)
				.toList();
			if (valves.isEmpty() && !this.proxies.isEmpty()) {
				throw new IllegalStateException("portal.trusted-proxies is set (" + this.proxies
						+ ") but Tomcat reads no forwarded header: set server.forward-headers-strategy=native");
			}
			// An empty list leaves the valve with no internal proxy: it believes nobody.
			valves.forEach((valve) -> valve.setInternalProxies(this.proxies.asCidrList()));
			logger.info("Forwarded headers are believed from: {}", this.proxies);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
