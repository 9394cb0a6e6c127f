package org.merchantportal.merchant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.merchantportal.audit.AuditEvent;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.audit.AuditTrail;
import org.merchantportal.i18n.English;
import org.merchantportal.i18n.Messages;
import org.merchantportal.merchant.UserAdministration.Admin;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * What an ADMIN does to their merchant's users ({@link UserAdministration}), against the
 * real database, password encoder, audit log and form login. Every test works on a
 * merchant and users of its own, so that the tests do not depend on each other or on the
 * demo users' state.
 */
@SpringBootTest
@AutoConfigureMockMvc
class UserAdministrationTests {

	/** Where the admin's requests come from. */
	private static final String ADMIN_ADDRESS = "203.0.113.7";

	/** Where the logins of the users come from. */
	private static final String LOGIN_ADDRESS = "198.51.100.23";

	private static final String PASSWORD = "correct horse battery";

	@Autowired
	private Messages messages;

	@Autowired
	UserAdministration administration;

	@Autowired
	PortalUserRepository users;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog audit;

	@Autowired
	EntityManager entityManager;

	@Autowired
	MockMvc mvc;

	/** The hash of {@link #PASSWORD}, computed once: BCrypt is slow on purpose. */
	private static String passwordHash;

	// --- Creating users ---------------------------------------------------------------

	@Test
	void createsAUserWithTheChosenRoleAndAnInitialPasswordHashedWithBcrypt() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		String email = newEmail();

		PortalUser created = this.administration.create(adminActing(admin), email, "initial-password-2026",
				Role.ORDER_MANAGER);

		PortalUser stored = reload(created);
		assertThat(stored.getUsername()).isEqualTo(email);
		assertThat(stored.getMerchantId()).isEqualTo(admin.getMerchantId());
		assertThat(stored.getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThat(stored.isEnabled()).isTrue();
		assertThat(stored.getLastLoginAt()).isNull();
		assertThat(stored.getPasswordHash()).startsWith("{bcrypt-sha256}$2").doesNotContain("initial-password-2026");
		assertThat(this.passwordEncoder.matches("initial-password-2026", stored.getPasswordHash())).isTrue();
		assertThat(this.passwordEncoder.matches("initial-password-2027", stored.getPasswordHash())).isFalse();
		logIn(email, "initial-password-2026")
			.andExpect(authenticated().withUsername(email).withRoles(Role.ORDER_MANAGER.name()));
	}

	@Test
	void storesTheEmailAddressTrimmedAndInLowerCaseSoThatTheUserLogsInWithAnyCase() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		String email = newEmail();

		PortalUser created = this.administration.create(adminActing(admin), "  " + email.toUpperCase() + " ", PASSWORD,
				Role.VIEWER);

		assertThat(reload(created).getUsername()).isEqualTo(email);
		logIn(email.toUpperCase(), PASSWORD).andExpect(authenticated().withUsername(email));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "no-at-sign.example", "no-domain@", "@no-local-part.example", "no-dot@localhost",
			"two@@ats.example", "a space@in-the-name.example", "tab\t@in-the-name.example" })
	void refusesAnEmailAddressThatIsNotOne(String username) {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), username, PASSWORD, Role.VIEWER), "username",
				"Enter the user's email address");

		assertNothingCreated(admin);
	}

	@Test
	void refusesAnEmailAddressLongerThan254Characters() {
		PortalUser admin = newMerchantWithAdmin();
		String tooLong = "a".repeat(64) + "@" + "b".repeat(180) + ".example" + "xx"; // 255
																						// characters

		assertRefused(() -> this.administration.create(adminActing(admin), tooLong, PASSWORD, Role.VIEWER), "username",
				"Enter the user's email address");

		assertNothingCreated(admin);
	}

	@Test
	void refusesAnEmailAddressThatAlreadyHasALoginAtAnotherMerchant() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser elsewhere = newUser(newMerchant(), Role.VIEWER);
		String passwordHashBefore = elsewhere.getPasswordHash();

		assertRefused(
				() -> this.administration.create(adminActing(admin), elsewhere.getUsername(), PASSWORD, Role.ADMIN),
				"username", "This email address already has a login");

		assertNothingCreated(admin);
		PortalUser untouched = reload(elsewhere);
		assertThat(untouched.getMerchantId()).isEqualTo(elsewhere.getMerchantId());
		assertThat(untouched.getRole()).isEqualTo(Role.VIEWER);
		assertThat(untouched.getPasswordHash()).isEqualTo(passwordHashBefore);
	}

	@Test
	void refusesAnEmailAddressOfADemoUserOfAnotherMerchant() {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), "Admin@Fjord-Outdoor.example", PASSWORD,
				Role.ADMIN), "username", "This email address already has a login");

		assertNothingCreated(admin);
	}

	@Test
	void refusesAnEmailAddressThatAlreadyHasALoginAtTheSameMerchantWhateverItsCase() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser colleague = newUser(admin.getMerchantId(), Role.VIEWER);

		assertRefused(() -> this.administration.create(adminActing(admin), colleague.getUsername().toUpperCase(),
				PASSWORD, Role.ORDER_MANAGER), "username", "This email address already has a login");

		assertThat(this.users.findByMerchantIdOrderByUsername(admin.getMerchantId())).hasSize(2);
		assertThat(reload(colleague).getRole()).isEqualTo(Role.VIEWER);
	}

	@ParameterizedTest(name = "{0} characters")
	@ValueSource(ints = { 0, 1, 11, 129, 1000 })
	void refusesAPasswordShorterThan12OrLongerThan128Characters(int length) {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), newEmail(), "p".repeat(length), Role.VIEWER),
				"password", "Use 12 to 128 characters");

		assertNothingCreated(admin);
	}

	@Test
	void refusesAMissingPassword() {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), newEmail(), null, Role.VIEWER), "password",
				"Use 12 to 128 characters");

		assertNothingCreated(admin);
	}

	@Test
	void refusesAPasswordOfTwelveSpaces() {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), newEmail(), " ".repeat(12), Role.VIEWER),
				"password", "Use 12 to 128 characters");

		assertNothingCreated(admin);
	}

	/**
	 * 12 and 128 are the bounds of PCI DSS 8.3.6 and OWASP ASVS 2.1; 72 and 73 characters
	 * are the bound of what BCrypt itself hashes (72 bytes).
	 */
	@ParameterizedTest(name = "{0} characters")
	@ValueSource(ints = { 12, 72, 73, 128 })
	void acceptsAPasswordOf12To128CharactersAndTheUserLogsInWithIt(int length) throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		String email = newEmail();
		String password = passwordOf(length);

		PortalUser created = this.administration.create(adminActing(admin), email, password, Role.VIEWER);

		assertThat(this.passwordEncoder.matches(password, reload(created).getPasswordHash())).isTrue();
		logIn(email, password).andExpect(authenticated().withUsername(email));
		logIn(email, password.substring(0, length - 1) + "!").andExpect(unauthenticated());
	}

	@Test
	void countsThePasswordInCharactersNotInUtf16Units() {
		PortalUser admin = newMerchantWithAdmin();
		String key = "\uD83D\uDD11"; // one character, two UTF-16 units, four UTF-8 bytes

		assertRefused(() -> this.administration.create(adminActing(admin), newEmail(), key.repeat(11), Role.VIEWER),
				"password", "Use 12 to 128 characters");
		PortalUser created = this.administration.create(adminActing(admin), newEmail(), key.repeat(12), Role.VIEWER);

		assertThat(this.passwordEncoder.matches(key.repeat(12), reload(created).getPasswordHash())).isTrue();
	}

	@Test
	void refusesAUserWithoutARole() {
		PortalUser admin = newMerchantWithAdmin();

		assertRefused(() -> this.administration.create(adminActing(admin), newEmail(), PASSWORD, null), "role",
				"Choose a role");

		assertNothingCreated(admin);
	}

	// --- Changing roles ----------------------------------------------------------------

	@Test
	void changesAUsersRoleAndTheNewRoleHoldsFromTheirNextLogin() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.VIEWER);

		this.administration.changeRole(adminActing(admin), user.getId(), Role.ORDER_MANAGER);

		assertThat(reload(user).getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThat(this.audit.recent(admin.getMerchantId(), 10)).first()
			.satisfies((event) -> assertAuditEvent(event, AuditEventType.ROLE_CHANGED, admin, user))
			.satisfies((event) -> assertThat(english(event)).isEqualTo("Viewer → Order manager"));
		logIn(user.getUsername(), PASSWORD).andExpect(authenticated().withRoles(Role.ORDER_MANAGER.name()));
	}

	@Test
	void refusesARoleChangeWithoutARoleAndChangesNothing() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.VIEWER);

		assertRefused(() -> this.administration.changeRole(adminActing(admin), user.getId(), null), "role",
				"Choose a role");

		assertThat(reload(user).getRole()).isEqualTo(Role.VIEWER);
		assertNoAuditEventAbout(user);
	}

	// --- Disabling and enabling --------------------------------------------------------

	@Test
	void aDisabledUserCannotLogInEvenWithTheRightPassword() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.ORDER_MANAGER);

		this.administration.disable(adminActing(admin), user.getId());

		assertThat(reload(user).isEnabled()).isFalse();
		logIn(user.getUsername(), PASSWORD).andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
		assertThat(this.audit.recent(admin.getMerchantId(), 10))
			.anySatisfy((event) -> assertAuditEvent(event, AuditEventType.USER_DISABLED, admin, user));
	}

	@Test
	void aReEnabledUserLogsInAgain() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.ORDER_MANAGER);
		this.administration.disable(adminActing(admin), user.getId());

		this.administration.enable(adminActing(admin), user.getId());

		assertThat(reload(user).isEnabled()).isTrue();
		logIn(user.getUsername(), PASSWORD).andExpect(authenticated().withUsername(user.getUsername()));
		assertThat(this.audit.recent(admin.getMerchantId(), 10)).extracting(AuditEvent::getType)
			.containsSubsequence(AuditEventType.LOGIN_SUCCEEDED, AuditEventType.USER_ENABLED,
					AuditEventType.USER_DISABLED);
	}

	// --- Locking and unlocking ---------------------------------------------------------

	@Test
	void tenFailedLoginsLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.ORDER_MANAGER);
		for (int attempt = 1; attempt <= PortalUser.MAX_FAILED_LOGINS; attempt++) {
			logIn(user.getUsername(), "wrong-password-" + attempt).andExpect(unauthenticated());
		}
		Instant lockedUntil = reload(user).getLockedUntil();
		assertThat(lockedUntil).isNotNull()
			.isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
		logIn(user.getUsername(), PASSWORD).andExpect(unauthenticated()); // the right
																			// password,
																			// while
																			// locked
		assertThat(this.audit.recent(admin.getMerchantId(), 20))
			.filteredOn((event) -> event.getSubject().equals(user.getUsername())
					&& event.getType() == AuditEventType.ACCOUNT_LOCKED)
			.singleElement()
			.satisfies((event) -> assertThat(event.getClientAddress()).isEqualTo(LOGIN_ADDRESS));

		this.administration.unlock(adminActing(admin), user.getId());

		PortalUser unlocked = reload(user);
		assertThat(unlocked.getLockedUntil()).isNull();
		assertThat(unlocked.getFailedLogins()).isZero();
		assertThat(this.audit.recent(admin.getMerchantId(), 1)).singleElement()
			.satisfies((event) -> assertAuditEvent(event, AuditEventType.USER_UNLOCKED, admin, user));
		logIn(user.getUsername(), PASSWORD).andExpect(authenticated().withUsername(user.getUsername()));
	}

	@Test
	void unlocksAnAccountLockedInTheUsersTable() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.VIEWER);
		Instant now = Instant.now();
		for (int attempt = 1; attempt <= PortalUser.MAX_FAILED_LOGINS; attempt++) {
			user.recordFailedLogin(now);
		}
		user = this.users.save(user);
		assertThat(reload(user).isLockedAt(now)).isTrue();

		this.administration.unlock(adminActing(admin), user.getId());

		assertThat(reload(user).isLockedAt(now)).isFalse();
		assertThat(reload(user).getFailedLogins()).isZero();
	}

	// --- Oneself and the last active admin ---------------------------------------------

	@Test
	void anAdminCannotDisableThemselvesEvenWithAnotherAdmin() {
		PortalUser admin = newMerchantWithAdmin();
		newUser(admin.getMerchantId(), Role.ADMIN);

		assertRefused(() -> this.administration.disable(adminActing(admin), admin.getId()), null,
				"You cannot disable yourself");

		assertThat(reload(admin).isEnabled()).isTrue();
		assertNoAuditEventAbout(admin);
	}

	@Test
	void anAdminCannotDemoteThemselvesEvenWithAnotherAdmin() {
		PortalUser admin = newMerchantWithAdmin();
		newUser(admin.getMerchantId(), Role.ADMIN);

		for (Role lower : List.of(Role.ORDER_MANAGER, Role.VIEWER)) {
			assertRefused(() -> this.administration.changeRole(adminActing(admin), admin.getId(), lower), null,
					"You cannot demote yourself");
		}

		assertThat(reload(admin).getRole()).isEqualTo(Role.ADMIN);
		assertNoAuditEventAbout(admin);
	}

	@Test
	void theOnlyAdminOfAMerchantCannotDisableOrDemoteThemselves() {
		PortalUser admin = newMerchantWithAdmin();

		assertThatExceptionOfType(UserAdministrationException.class)
			.isThrownBy(() -> this.administration.disable(adminActing(admin), admin.getId()));
		assertThatExceptionOfType(UserAdministrationException.class)
			.isThrownBy(() -> this.administration.changeRole(adminActing(admin), admin.getId(), Role.VIEWER));

		PortalUser unchanged = reload(admin);
		assertThat(unchanged.isActiveAdmin()).isTrue();
		assertNoAuditEventAbout(admin);
	}

	/**
	 * Nobody else can disable or demote the last active admin either: a user whose ADMIN
	 * role was taken away while their session still says ADMIN is no admin any more.
	 */
	@Test
	void nobodyCanDisableOrDemoteTheLastActiveAdminOfAMerchant() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser formerAdmin = newUser(admin.getMerchantId(), Role.ORDER_MANAGER);

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.administration.disable(adminActing(formerAdmin), admin.getId()));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.administration.changeRole(adminActing(formerAdmin), admin.getId(), Role.VIEWER));

		assertThat(reload(admin).isActiveAdmin()).isTrue();
		assertNoAuditEventAbout(admin);
	}

	@Test
	void withTwoAdminsOneDemotesTheOtherAndThenCannotBeDemotedOrDisabledByAnyone() {
		PortalUser first = newMerchantWithAdmin();
		PortalUser second = newUser(first.getMerchantId(), Role.ADMIN);

		this.administration.changeRole(adminActing(first), second.getId(), Role.ORDER_MANAGER);

		assertThat(reload(second).getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThatExceptionOfType(AccessDeniedException.class).as("the demoted admin is no admin")
			.isThrownBy(() -> this.administration.changeRole(adminActing(second), first.getId(), Role.ORDER_MANAGER));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.administration.disable(adminActing(second), first.getId()));
		assertRefused(() -> this.administration.changeRole(adminActing(first), first.getId(), Role.VIEWER), null,
				"You cannot demote yourself");
		assertThat(reload(first).isActiveAdmin()).isTrue();
		assertThat(this.audit.recent(first.getMerchantId(), 10)).singleElement()
			.satisfies((event) -> assertAuditEvent(event, AuditEventType.ROLE_CHANGED, first, second));
	}

	@Test
	void aDisabledAdminDoesNotCountAsAnActiveAdmin() {
		PortalUser first = newMerchantWithAdmin();
		PortalUser second = newUser(first.getMerchantId(), Role.ADMIN);
		this.administration.disable(adminActing(first), second.getId());

		assertThatExceptionOfType(AccessDeniedException.class).as("a disabled admin is no admin")
			.isThrownBy(() -> this.administration.changeRole(adminActing(second), first.getId(), Role.VIEWER));
		assertRefused(() -> this.administration.disable(adminActing(first), first.getId()), null,
				"You cannot disable yourself");

		this.administration.enable(adminActing(first), second.getId());
		this.administration.changeRole(adminActing(second), first.getId(), Role.VIEWER);
		assertThat(reload(first).getRole()).isEqualTo(Role.VIEWER);
		assertThat(reload(second).isActiveAdmin()).isTrue();
	}

	/**
	 * Two admins who demote each other at the same moment must not leave the merchant
	 * without an active admin: one of them wins, the other is refused.
	 */
	@Test
	void twoAdminsDemotingEachOtherAtOnceLeaveTheMerchantOneActiveAdmin() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				PortalUser first = newMerchantWithAdmin();
				PortalUser second = newUser(first.getMerchantId(), Role.ADMIN);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> outcomes = new ArrayList<>();
				for (PortalUser[] pair : List.of(new PortalUser[] { first, second },
						new PortalUser[] { second, first })) {
					Callable<Boolean> demote = () -> {
						start.await();
						try {
							this.administration.changeRole(adminActing(pair[0]), pair[1].getId(), Role.VIEWER);
							return true;
						}
						catch (UserAdministrationException | AccessDeniedException ex) {
							return false; // refused: last admin, or no longer an admin
						}
					};
					outcomes.add(executor.submit(demote));
				}
				start.countDown();
				int demoted = 0;
				for (Future<Boolean> outcome : outcomes) {
					demoted += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
				}

				assertThat(demoted).as("demotions that went through in round %d", round).isEqualTo(1);
				assertThat(this.users.findByMerchantIdOrderByUsername(first.getMerchantId()))
					.filteredOn(PortalUser::isActiveAdmin)
					.hasSize(1);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	// --- Tenancy -----------------------------------------------------------------------

	@Test
	void anAdminOfAnotherMerchantCannotTouchAUserAndNothingChanges() {
		PortalUser nordicAdmin = this.users.findByUsername("admin@nordic-shoes.example").orElseThrow();
		PortalUser fjordAdmin = this.users.findByUsername("admin@fjord-outdoor.example").orElseThrow();
		assertThat(fjordAdmin.getMerchantId()).isNotEqualTo(nordicAdmin.getMerchantId());
		PortalUser victim = newUser(nordicAdmin.getMerchantId(), Role.ORDER_MANAGER);
		Admin intruder = adminActing(fjordAdmin);
		int fjordEventsBefore = this.audit.recent(fjordAdmin.getMerchantId(), 1000).size();

		List<ThrowingCallable> attempts = List.of(
				() -> this.administration.changeRole(intruder, victim.getId(), Role.ADMIN),
				() -> this.administration.changeRole(intruder, victim.getId(), Role.VIEWER),
				() -> this.administration.disable(intruder, victim.getId()),
				() -> this.administration.enable(intruder, victim.getId()),
				() -> this.administration.unlock(intruder, victim.getId()),
				() -> this.administration.changeRole(intruder, nordicAdmin.getId(), Role.VIEWER),
				() -> this.administration.disable(intruder, nordicAdmin.getId()));
		for (ThrowingCallable attempt : attempts) {
			assertThatExceptionOfType(UserNotFoundException.class).isThrownBy(attempt);
		}

		PortalUser unchanged = reload(victim);
		assertThat(unchanged.getRole()).isEqualTo(Role.ORDER_MANAGER);
		assertThat(unchanged.isEnabled()).isTrue();
		assertThat(reload(nordicAdmin).isActiveAdmin()).isTrue();
		assertNoAuditEventAbout(victim);
		assertThat(this.audit.recent(fjordAdmin.getMerchantId(), 1000)).hasSize(fjordEventsBefore);
	}

	@Test
	void aForeignUserLooksExactlyLikeAnUnknownOne() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser foreign = newUser(newMerchant(), Role.VIEWER);

		assertThatExceptionOfType(UserNotFoundException.class)
			.isThrownBy(() -> this.administration.disable(adminActing(admin), foreign.getId()))
			.withMessage("No user " + foreign.getId());
		assertThatExceptionOfType(UserNotFoundException.class)
			.isThrownBy(() -> this.administration.disable(adminActing(admin), Long.MAX_VALUE))
			.withMessage("No user " + Long.MAX_VALUE);
		assertThat(reload(foreign).isEnabled()).isTrue();
	}

	@Test
	void listsOnlyTheMerchantsOwnUsers() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser colleague = newUser(admin.getMerchantId(), Role.VIEWER);
		newUser(newMerchant(), Role.ADMIN);

		assertThat(this.administration.list(admin.getMerchantId())).extracting(PortalUser::getUsername)
			.containsExactlyInAnyOrder(admin.getUsername(), colleague.getUsername());
	}

	// --- Audit -------------------------------------------------------------------------

	@Test
	void everyChangeIsAuditedWithActorSubjectClientAddressAndTime() {
		PortalUser admin = newMerchantWithAdmin();
		Instant before = Instant.now().minusSeconds(1);

		PortalUser user = this.administration.create(adminActing(admin), newEmail(), PASSWORD, Role.VIEWER);
		this.administration.changeRole(adminActing(admin), user.getId(), Role.ADMIN);
		this.administration.disable(adminActing(admin), user.getId());
		this.administration.enable(adminActing(admin), user.getId());
		this.administration.unlock(adminActing(admin), user.getId());

		List<AuditEvent> events = this.audit.recent(admin.getMerchantId(), 10);
		assertThat(events)
			.extracting(AuditEvent::getType, AuditEvent::getActor, AuditEvent::getSubject, AuditEvent::getClientAddress,
					AuditEvent::getMerchantId)
			.containsExactly(
					tuple(AuditEventType.USER_UNLOCKED, admin.getUsername(), user.getUsername(), ADMIN_ADDRESS,
							admin.getMerchantId()),
					tuple(AuditEventType.USER_ENABLED, admin.getUsername(), user.getUsername(), ADMIN_ADDRESS,
							admin.getMerchantId()),
					tuple(AuditEventType.USER_DISABLED, admin.getUsername(), user.getUsername(), ADMIN_ADDRESS,
							admin.getMerchantId()),
					tuple(AuditEventType.ROLE_CHANGED, admin.getUsername(), user.getUsername(), ADMIN_ADDRESS,
							admin.getMerchantId()),
					tuple(AuditEventType.USER_CREATED, admin.getUsername(), user.getUsername(), ADMIN_ADDRESS,
							admin.getMerchantId()));
		assertThat(events).allSatisfy(
				(event) -> assertThat(event.getOccurredAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1)));
		assertThat(english(events.get(4))).isEqualTo("Role Viewer");
		assertThat(events).allSatisfy((event) -> assertThat(
				java.util.Arrays.toString((event.getDetail() != null) ? event.getDetail().getArguments() : null))
			.doesNotContain(PASSWORD));
		assertThat(english(events.get(3))).isEqualTo("Viewer → Admin");
	}

	@Test
	void changesThatChangeNothingAreNotAudited() {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.VIEWER);

		this.administration.changeRole(adminActing(admin), user.getId(), Role.VIEWER);
		this.administration.enable(adminActing(admin), user.getId());

		assertNoAuditEventAbout(user);
	}

	@Test
	void successfulAndFailedLoginsAreAuditedWithTheClientAddress() throws Exception {
		PortalUser admin = newMerchantWithAdmin();
		PortalUser user = newUser(admin.getMerchantId(), Role.VIEWER);

		logIn(user.getUsername(), "not-the-password").andExpect(unauthenticated());
		logIn(user.getUsername(), PASSWORD).andExpect(authenticated());

		assertThat(this.audit.recent(admin.getMerchantId(), 10))
			.extracting(AuditEvent::getType, AuditEvent::getActor, AuditEvent::getSubject, AuditEvent::getClientAddress)
			.containsExactly(
					tuple(AuditEventType.LOGIN_SUCCEEDED, user.getUsername(), user.getUsername(), LOGIN_ADDRESS),
					tuple(AuditEventType.LOGIN_FAILED, user.getUsername(), user.getUsername(), LOGIN_ADDRESS));
		assertThat(reload(user).getLastLoginAt()).isNotNull();
	}

	// --- Helpers -----------------------------------------------------------------------

	private long newMerchant() {
		return this.merchants.save(new Merchant("Test merchant " + UUID.randomUUID(), Currency.getInstance("SEK")))
			.getId();
	}

	/** A new merchant with one ADMIN, who is returned. */
	private PortalUser newMerchantWithAdmin() {
		return newUser(newMerchant(), Role.ADMIN);
	}

	/** A new user of the merchant, whose password is {@link #PASSWORD}. */
	private PortalUser newUser(long merchantId, Role role) {
		if (passwordHash == null) {
			passwordHash = this.passwordEncoder.encode(PASSWORD);
		}
		return this.users.save(new PortalUser(merchantId, newEmail(), passwordHash, role));
	}

	private static String newEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 13) + "@test-shop.example";
	}

	/** A password of that many characters, different at every position. */
	private static String passwordOf(int length) {
		StringBuilder password = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			password.append((char) ('a' + (i % 26)));
		}
		return password.toString();
	}

	private static Admin adminActing(PortalUser user) {
		return new Admin(user.getMerchantId(), user.getId(), user.getUsername(), ADMIN_ADDRESS);
	}

	private PortalUser reload(PortalUser user) {
		return this.users.findById(user.getId()).orElseThrow();
	}

	/** Form login, as the login page posts it, from {@link #LOGIN_ADDRESS}. */
	private ResultActions logIn(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username)
			.param("password", password)
			.with(csrf())
			.with(from(LOGIN_ADDRESS)));
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static void assertRefused(ThrowingCallable change, String field, String message) {
		assertThatExceptionOfType(UserAdministrationException.class).isThrownBy(change)
			.satisfies(English.says(message))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	/** The admin is still the merchant's only user, and nothing was audited. */
	private void assertNothingCreated(PortalUser admin) {
		assertThat(this.users.findByMerchantIdOrderByUsername(admin.getMerchantId())).extracting(PortalUser::getId)
			.containsExactly(admin.getId());
		assertThat(this.audit.recent(admin.getMerchantId(), 10)).isEmpty();
	}

	private void assertNoAuditEventAbout(PortalUser user) {
		assertThat(AuditTrail.about(this.entityManager, user.getUsername(), 10)).isEmpty();
	}

	private static void assertAuditEvent(AuditEvent event, AuditEventType type, PortalUser admin, PortalUser subject) {
		assertThat(event.getType()).isEqualTo(type);
		assertThat(event.getMerchantId()).isEqualTo(admin.getMerchantId());
		assertThat(event.getActor()).isEqualTo(admin.getUsername());
		assertThat(event.getSubject()).isEqualTo(subject.getUsername());
		assertThat(event.getClientAddress()).isEqualTo(ADMIN_ADDRESS);
		assertThat(event.getOccurredAt()).isNotNull();
	}

	/** An entry's detail as an English reader sees it. */
	private String english(AuditEvent event) {
		return this.messages.get(event.getDetail(), Locale.ENGLISH);
	}

}
