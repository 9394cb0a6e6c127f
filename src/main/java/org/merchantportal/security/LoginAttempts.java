package org.merchantportal.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.merchantportal.audit.AuditDetail;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed logins (the tenth in a row locks the account for 30 minutes), notes the
 * last login, and audits every attempt with its client address.
 */
@Component
class LoginAttempts {

	private final PortalUserRepository users;

	private final AuditLog audit;

	private final Clock clock;

	LoginAttempts(PortalUserRepository users, AuditLog audit, Clock clock) {
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	public void succeeded(AuthenticationSuccessEvent event) {
		if (!(event.getAuthentication().getPrincipal() instanceof PortalUserDetails details)) {
			return;
		}
		this.users.findLockedById(details.userId()).ifPresent((user) -> {
			user.recordSuccessfulLogin(this.clock.instant());
			this.audit.record(user.getMerchantId(), AuditEventType.LOGIN_SUCCEEDED, user.getUsername(),
					user.getUsername(), null, clientAddress(event.getAuthentication()));
		});
	}

	@EventListener
	@Transactional
	public void failed(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureServiceExceptionEvent) {
			return; // the portal failed (its database, say), not the person logging in
		}
		Authentication attempt = event.getAuthentication();
		String username = String.valueOf(attempt.getName()).strip().toLowerCase(Locale.ROOT);
		String address = clientAddress(attempt);
		MessageSourceResolvable reason = describe(event.getException());
		PortalUser user = this.users.findLockedByUsername(username).orElse(null);
		if (user == null) {
			this.audit.record(null, AuditEventType.LOGIN_FAILED, truncate(username), truncate(username), reason,
					address);
			return;
		}
		Instant now = this.clock.instant();
		boolean locked = user.recordFailedLogin(now);
		this.audit.record(user.getMerchantId(), AuditEventType.LOGIN_FAILED, user.getUsername(), user.getUsername(),
				reason, address);
		if (locked) {
			this.audit.record(user.getMerchantId(), AuditEventType.ACCOUNT_LOCKED, user.getUsername(),
					user.getUsername(),
					AuditDetail.of("audit.detail.locked", PortalUser.LOCKOUT.toMinutes(), PortalUser.MAX_FAILED_LOGINS),
					address);
		}
	}

	private static MessageSourceResolvable describe(AuthenticationException failure) {
		if (failure instanceof LockedException) {
			return AuditDetail.of("audit.detail.loginLocked");
		}
		if (failure instanceof DisabledException) {
			return AuditDetail.of("audit.detail.loginDisabled");
		}
		if (failure instanceof BadCredentialsException) {
			return AuditDetail.of("audit.detail.loginWrongPassword");
		}
		return AuditDetail.of("audit.detail.loginRefused", failure.getClass().getSimpleName());
	}

	private static String clientAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	private static String truncate(String value) {
		return (value.length() > 254) ? value.substring(0, 254) : value;
	}

}
