package org.merchantportal.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.CompositeHeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * The security headers of every answer, defined once. Spring Security writes them on what
 * passes its filter chain ({@link SecurityConfig}); a valve in Tomcat's engine writes the
 * same headers first on every request, so that what Tomcat answers by itself carries them
 * too: TRACE's 405, a malformed request's 400, a form post too large to read (413), and
 * the error pages of requests that Spring Security's firewall refused. Each writer leaves
 * a header alone once it is set, so the two never disagree.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

	/**
	 * No inline script or style anywhere: everything comes from the portal's own files.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

	/**
	 * Spring Security's default headers (nosniff, no caching, HSTS over HTTPS, no
	 * framing), the portal's Content-Security-Policy and same-origin referrers.
	 */
	static HeaderWriter writer() {
		return new CompositeHeaderWriter(List.of(new XContentTypeOptionsHeaderWriter(),
				new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
				new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
				new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
				new ReferrerPolicyHeaderWriter(ReferrerPolicy.SAME_ORIGIN)));
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> securityHeadersOnEveryAnswer() {
		return (tomcat) -> tomcat.addEngineValves(new HeadersValve(writer()));
	}

	/**
	 * Writes the headers before anything else answers. Tomcat runs it also for requests
	 * it refuses itself (TRACE, an invalid URI), as long as it could read them at all.
	 */
	static final class HeadersValve extends ValveBase {

		private final HeaderWriter headers;

		HeadersValve(HeaderWriter headers) {
			super(true);
			this.headers = headers;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			this.headers.writeHeaders(request, response);
			getNext().invoke(request, response);
		}

	}

}
