package org.merchantportal.security;

import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.i18n.Messages;
import org.merchantportal.i18n.Times;
import java.time.ZoneOffset;
import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Logged-in users for web slice tests, built the way {@link PortalUserDetailsService}
 * builds them, and the portal's security configuration for a {@code @WebMvcTest} (which
 * does not scan {@code @Configuration} classes, and cannot name the package-private
 * {@link SecurityConfig} from another package).
 */
public final class TestUsers {

	private TestUsers() {
	}

	/** A member of the merchant's staff, as the portal sees them after form login. */
	public static PortalUserDetails user(long merchantId, String username, Role role) {
		PortalUser user = new PortalUser(merchantId, username, "{noop}not-used", role);
		ReflectionTestUtils.setField(user, "id", 1000L + role.ordinal());
		return new PortalUserDetails(user, false, ZoneOffset.UTC);
	}

	/** A user of the users table, logged in as form login would log them in. */
	public static PortalUserDetails loggedIn(PortalUser user) {
		return new PortalUserDetails(user, false, ZoneOffset.UTC);
	}

	/**
	 * Imports the portal's {@link SecurityConfig}: form login, CSRF, and POST
	 * {@code /orders/**} for the roles that may act on orders. Form login looks up an
	 * empty users table: slice tests log in with {@link #user(long, String, Role)}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@Import({ SecurityConfig.class, SessionConfig.class, PortalLocaleResolver.class, Messages.class, Times.class })
	public static class PortalSecurity {

		@Bean
		PortalUserRepository portalUserRepository() {
			return Mockito.mock(PortalUserRepository.class);
		}

		@Bean
		MerchantRepository merchantRepository() {
			return Mockito.mock(MerchantRepository.class);
		}

		/** The login throttle, at a limit no slice test reaches. */
		@Bean
		LoginThrottle loginThrottle(Clock clock) {
			return new LoginThrottle(100_000, 10_000, clock, new SimpleMeterRegistry());
		}

		@Bean
		@ConditionalOnMissingBean
		AuditLog auditLog() {
			return Mockito.mock(AuditLog.class);
		}

	}

}
