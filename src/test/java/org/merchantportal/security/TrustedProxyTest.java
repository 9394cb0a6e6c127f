package org.merchantportal.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The portal behind a load balancer on this machine: {@code PORTAL_TRUSTED_PROXIES=
 * 127.0.0.1}, so a real HTTP client on 127.0.0.1 is the trusted proxy and one bound to
 * 127.0.0.2 is anyone else; the production login throttle (30 failures a minute per
 * address); a {@link TestClock} that moves only when a test moves it, so that a minute
 * passes without waiting; and a spy on the password encoder, to tell whether a password
 * was checked. Every class with this annotation shares one application context; each test
 * uses client addresses of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.trusted-proxies=127.0.0.1", "portal.login.max-failures-per-minute=30" })
@AutoConfigureMockMvc
@Import(TrustedProxyTest.Time.class)
@MockitoSpyBean(types = PasswordEncoder.class)
public @interface TrustedProxyTest {

	@TestConfiguration(proxyBeanMethods = false)
	class Time {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock(Instant.now());
		}

	}

}
