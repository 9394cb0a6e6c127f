package org.merchantportal.merchant;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.merchantportal.audit.AuditDetail;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What an ADMIN does on the Users page: create users, change roles, disable, enable and
 * unlock, always within their own merchant. Changes of one merchant's users run one after
 * the other (the merchant row is locked), so that two admins cannot demote each other
 * into a merchant without an active admin. Every change is audited.
 */
@Service
public class UserAdministration {

	/** The longest username (an email address) a login may have. */
	public static final int MAX_USERNAME_LENGTH = 254;

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,63}");

	private final PortalUserRepository users;

	private final MerchantRepository merchants;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final UserSessions sessions;

	private final ApplicationEventPublisher events;

	UserAdministration(PortalUserRepository users, MerchantRepository merchants, PasswordEncoder passwordEncoder,
			AuditLog audit, UserSessions sessions, ApplicationEventPublisher events) {
		this.users = users;
		this.merchants = merchants;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.sessions = sessions;
		this.events = events;
	}

	/**
	 * The admin acting, and the client address of their request.
	 */
	public record Admin(long merchantId, long userId, String username, String clientAddress) {
	}

	@Transactional(readOnly = true)
	public List<PortalUser> list(long merchantId) {
		return this.users.findByMerchantIdOrderByUsername(merchantId);
	}

	@Transactional
	public PortalUser create(Admin admin, String username, String password, Role role) {
		lockMerchant(admin);
		String email = (username == null) ? "" : username.strip().toLowerCase(Locale.ROOT);
		if (email.length() > MAX_USERNAME_LENGTH || !EMAIL.matcher(email).matches()) {
			throw new UserAdministrationException("username", "users.error.email");
		}
		if (role == null) {
			throw new UserAdministrationException("role", "users.error.role");
		}
		if (!PasswordPolicy.accepts(password)) {
			throw new UserAdministrationException("password", "users.error.password", PasswordPolicy.MIN_LENGTH,
					PasswordPolicy.MAX_LENGTH);
		}
		if (this.users.existsByUsername(email)) {
			throw new UserAdministrationException("username", "users.error.taken");
		}
		PortalUser user;
		try {
			user = this.users
				.saveAndFlush(new PortalUser(admin.merchantId(), email, this.passwordEncoder.encode(password), role));
		}
		catch (DataIntegrityViolationException ex) {
			// Another merchant's admin created the same login a moment ago.
			throw new UserAdministrationException("username", "users.error.taken");
		}
		audit(admin, AuditEventType.USER_CREATED, user,
				AuditDetail.of("audit.detail.userCreated", AuditDetail.code("role." + role)));
		return user;
	}

	@Transactional
	public void changeRole(Admin admin, long userId, Role role) {
		lockMerchant(admin);
		PortalUser user = find(admin, userId);
		if (role == null) {
			throw new UserAdministrationException("role", "users.error.role");
		}
		if (role == user.getRole()) {
			return;
		}
		if (role != Role.ADMIN) {
			requireAnotherActiveAdmin(admin, user, "demote");
		}
		Role before = user.getRole();
		user.changeRole(role);
		audit(admin, AuditEventType.ROLE_CHANGED, user, AuditDetail.of("audit.detail.roleChanged",
				AuditDetail.code("role." + before), AuditDetail.code("role." + role)));
		endSessionsAfterCommit(user);
	}

	@Transactional
	public void disable(Admin admin, long userId) {
		lockMerchant(admin);
		PortalUser user = find(admin, userId);
		if (!user.isEnabled()) {
			return;
		}
		requireAnotherActiveAdmin(admin, user, "disable");
		user.disable();
		audit(admin, AuditEventType.USER_DISABLED, user, null);
		endSessionsAfterCommit(user);
	}

	@Transactional
	public void enable(Admin admin, long userId) {
		lockMerchant(admin);
		PortalUser user = find(admin, userId);
		if (user.isEnabled()) {
			return;
		}
		user.enable();
		audit(admin, AuditEventType.USER_ENABLED, user, null);
	}

	@Transactional
	public void unlock(Admin admin, long userId) {
		lockMerchant(admin);
		PortalUser user = find(admin, userId);
		user.unlock();
		audit(admin, AuditEventType.USER_UNLOCKED, user, null);
	}

	private void requireAnotherActiveAdmin(Admin admin, PortalUser user, String verb) {
		if (user.getId() == admin.userId()) {
			throw new UserAdministrationException(null, "users.error.self." + verb);
		}
		if (user.isActiveAdmin() && this.users.findByMerchantIdOrderByUsername(admin.merchantId())
			.stream()
			.filter(PortalUser::isActiveAdmin)
			.count() <= 1) {
			throw new UserAdministrationException(null, "users.error.lastAdmin." + verb);
		}
	}

	/**
	 * Locks the merchant's row, then checks that the admin still is one: a session opened
	 * before a demotion or a disable carries no power.
	 */
	private void lockMerchant(Admin admin) {
		this.merchants.findByIdForUpdate(admin.merchantId()).orElseThrow();
		this.users.findByIdAndMerchantId(admin.userId(), admin.merchantId())
			.filter(PortalUser::isActiveAdmin)
			.orElseThrow(() -> new AccessDeniedException("Only an active admin manages users"));
	}

	private void endSessionsAfterCommit(PortalUser user) {
		this.events.publishEvent(new AccessChanged(user.getUsername()));
	}

	/**
	 * The user's open sessions end once the change that took or changed their access is
	 * committed: they log in anew. (Not before: a rolled back change leaves them be.)
	 */
	@TransactionalEventListener
	void endSessionsOf(AccessChanged change) {
		this.sessions.endSessionsOf(change.username());
	}

	/** A user's access was taken or changed, in the transaction that publishes this. */
	record AccessChanged(String username) {
	}

	private PortalUser find(Admin admin, long userId) {
		return this.users.findByIdAndMerchantId(userId, admin.merchantId())
			.orElseThrow(() -> new UserNotFoundException(userId));
	}

	private void audit(Admin admin, AuditEventType type, PortalUser user, MessageSourceResolvable detail) {
		this.audit.record(admin.merchantId(), type, admin.username(), user.getUsername(), detail,
				admin.clientAddress());
	}

}
