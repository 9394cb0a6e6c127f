package org.merchantportal.merchant;

import org.merchantportal.i18n.English;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.merchant.UserAdministration.Admin;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * API credentials: high-entropy secrets kept only as a keyed hash, checked for the right
 * merchant, revoked at once, audited.
 */
@AttackTest
class ApiCredentialsTests {

	@Autowired
	ApiCredentials credentials;

	@Autowired
	ApiCredentialRepository repository;

	@Autowired
	PortalUserRepository users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aNewCredentialHasARandomUsernameAndSecretAndStoresOnlyAKeyedHash() {
		Admin admin = admin(AttackFixtures.NORDIC_ADMIN);
		ApiCredentials.Created first = this.credentials.create(admin, "Warehouse " + UUID.randomUUID());
		ApiCredentials.Created second = this.credentials.create(admin, "ERP " + UUID.randomUUID());
		assertThat(first.credential().getUsername()).matches("mp_[0-9a-f]{16}");
		// 32 random bytes, base64url: 43 characters after the prefix.
		assertThat(first.secret()).matches("mps_[A-Za-z0-9_-]{43}");
		assertThat(second.secret()).isNotEqualTo(first.secret());
		assertThat(second.credential().getUsername()).isNotEqualTo(first.credential().getUsername());
		Map<String, Object> row = this.jdbc.queryForMap("select * from api_credential where username = ?",
				first.credential().getUsername());
		assertThat(row.get("SECRET_HASH").toString()).matches("[0-9a-f]{64}");
		assertThat(row.values()).noneMatch((value) -> value != null && value.toString().contains(first.secret()));
		assertThat(row.get("MERCHANT_ID")).isEqualTo(admin.merchantId());
		assertThat(row.get("CREATED_BY")).isEqualTo(AttackFixtures.NORDIC_ADMIN);
	}

	@Test
	void theRightSecretAuthenticatesForTheCredentialsMerchantOnly() {
		Admin admin = admin(AttackFixtures.FJORD_ADMIN);
		ApiCredentials.Created created = this.credentials.create(admin, "Shop " + UUID.randomUUID());
		String username = created.credential().getUsername();
		assertThat(this.credentials.authenticate(username, created.secret())).hasValueSatisfying((client) -> {
			assertThat(client.merchantId()).isEqualTo(admin.merchantId());
			assertThat(client.credentialId()).isEqualTo(created.credential().getPublicId());
			assertThat(client.name()).isEqualTo(created.credential().getName());
		});
		assertThat(this.credentials.authenticate(username, created.secret() + "x")).isEmpty();
		assertThat(this.credentials.authenticate(username, created.secret().substring(1))).isEmpty();
		assertThat(this.credentials.authenticate(username, "")).isEmpty();
		assertThat(this.credentials.authenticate(username, null)).isEmpty();
		assertThat(this.credentials.authenticate("mp_0000000000000000", created.secret())).isEmpty();
		assertThat(this.credentials.authenticate(null, created.secret())).isEmpty();
		assertThat(this.credentials.authenticate("x".repeat(10_000), created.secret())).isEmpty();
	}

	@Test
	void aRevokedCredentialAuthenticatesNothingAndOnlyItsOwnMerchantRevokesIt() {
		Admin nordic = admin(AttackFixtures.NORDIC_ADMIN);
		Admin fjord = admin(AttackFixtures.FJORD_ADMIN);
		ApiCredentials.Created created = this.credentials.create(nordic, "Revocable " + UUID.randomUUID());
		UUID id = created.credential().getPublicId();
		String username = created.credential().getUsername();

		assertThatThrownBy(() -> this.credentials.revoke(fjord, id)).isInstanceOf(ApiCredentialNotFoundException.class);
		assertThatThrownBy(() -> this.credentials.revoke(nordic, UUID.randomUUID()))
			.isInstanceOf(ApiCredentialNotFoundException.class);
		assertThat(this.credentials.authenticate(username, created.secret())).isPresent();

		this.credentials.revoke(nordic, id);
		assertThat(this.credentials.authenticate(username, created.secret())).isEmpty();
		ApiCredential revoked = this.repository.findByUsername(username).orElseThrow();
		assertThat(revoked.isRevoked()).isTrue();
		assertThat(revoked.getRevokedBy()).isEqualTo(AttackFixtures.NORDIC_ADMIN);
		Instant revokedAt = revoked.getRevokedAt();
		this.credentials.revoke(nordic, id);
		assertThat(this.repository.findByUsername(username).orElseThrow().getRevokedAt()).isEqualTo(revokedAt);
		assertThat(this.credentials.list(nordic.merchantId())).extracting(ApiCredential::getUsername)
			.contains(username);
		assertThat(this.credentials.list(fjord.merchantId())).extracting(ApiCredential::getUsername)
			.doesNotContain(username);
	}

	@Test
	void creatingAndRevokingAreAuditedOnceEach() {
		Admin admin = admin(AttackFixtures.NORDIC_ADMIN);
		ApiCredentials.Created created = this.credentials.create(admin, "Audited " + UUID.randomUUID());
		String username = created.credential().getUsername();
		this.credentials.revoke(admin, created.credential().getPublicId());
		this.credentials.revoke(admin, created.credential().getPublicId());
		List<Map<String, Object>> entries = this.jdbc.queryForList(
				"select type, actor, merchant_id, detail, detail_arguments from audit_event where subject = ? order by id",
				username);
		assertThat(entries).extracting((entry) -> entry.get("TYPE"))
			.containsExactly(AuditEventType.API_CREDENTIAL_CREATED.name(),
					AuditEventType.API_CREDENTIAL_REVOKED.name());
		assertThat(entries).allSatisfy((entry) -> {
			assertThat(entry.get("ACTOR")).isEqualTo(AttackFixtures.NORDIC_ADMIN);
			assertThat(entry.get("MERCHANT_ID")).isEqualTo(admin.merchantId());
			assertThat(entry.get("DETAIL_ARGUMENTS").toString()).isEqualTo(created.credential().getName())
				.doesNotContain(created.secret());
		});
	}

	@Test
	void aNameIsRequiredBoundedAndUniqueWithinTheMerchant() {
		Admin nordic = admin(AttackFixtures.NORDIC_ADMIN);
		long before = count();
		for (String name : new String[] { null, "", "   ", "x".repeat(ApiCredentials.MAX_NAME_LENGTH + 1),
				"bad\nname" }) {
			assertThatThrownBy(() -> this.credentials.create(nordic, name)).as("name %s", name)
				.isInstanceOfSatisfying(UserAdministrationException.class,
						(ex) -> assertThat(ex.field()).isEqualTo("name"));
		}
		String name = "Twice " + UUID.randomUUID();
		this.credentials.create(nordic, "  " + name + "  ");
		assertThatThrownBy(() -> this.credentials.create(nordic, name)).isInstanceOfSatisfying(
				UserAdministrationException.class, (ex) -> assertThat(English.of(ex)).contains("exists already"));
		// Another merchant may use the same name.
		this.credentials.create(admin(AttackFixtures.FJORD_ADMIN), name);
		assertThat(count()).isEqualTo(before + 2);
	}

	@Autowired
	MerchantRepository merchants;

	@Test
	void aMerchantHasAtMostTwentyActiveCredentials() {
		Merchant merchant = this.merchants
			.save(new Merchant("Cap AB " + UUID.randomUUID(), java.util.Currency.getInstance("SEK")));
		Admin admin = new Admin(merchant.getId(), 1, "admin@cap.example", null);
		List<ApiCredentials.Created> created = new java.util.ArrayList<>();
		for (int i = 0; i < ApiCredentials.MAX_ACTIVE; i++) {
			created.add(this.credentials.create(admin, "System " + i));
		}
		assertThatThrownBy(() -> this.credentials.create(admin, "One too many"))
			.isInstanceOf(UserAdministrationException.class)
			.satisfies((ex) -> assertThat(English.of((UserAdministrationException) ex)).contains("at most 20"));
		this.credentials.revoke(admin, created.get(0).credential().getPublicId());
		assertThat(this.credentials.create(admin, "In its place").credential().getUsername()).startsWith("mp_");
	}

	@Test
	void aUseIsRecordedAtMostOnceAMinute() {
		ApiCredentials.Created created = this.credentials.create(admin(AttackFixtures.NORDIC_ADMIN),
				"Busy " + UUID.randomUUID());
		ApiCredential credential = this.repository.findByUsername(created.credential().getUsername()).orElseThrow();
		Instant t = Instant.parse("2030-01-01T10:00:00Z");
		assertThat(this.repository.recordUse(credential.getId(), t, t.minus(Duration.ofMinutes(1)))).isOne();
		Instant later = t.plusSeconds(59);
		assertThat(this.repository.recordUse(credential.getId(), later, later.minus(Duration.ofMinutes(1)))).isZero();
		Instant minuteLater = t.plusSeconds(61);
		assertThat(this.repository.recordUse(credential.getId(), minuteLater, minuteLater.minus(Duration.ofMinutes(1))))
			.isOne();
		assertThat(this.repository.findById(credential.getId()).orElseThrow().getLastUsedAt()).isEqualTo(minuteLater);
	}

	@Test
	void authenticatingRecordsTheUse() {
		ApiCredentials.Created created = this.credentials.create(admin(AttackFixtures.NORDIC_ADMIN),
				"Used " + UUID.randomUUID());
		assertThat(created.credential().getLastUsedAt()).isNull();
		this.credentials.authenticate(created.credential().getUsername(), created.secret());
		assertThat(this.repository.findByUsername(created.credential().getUsername()).orElseThrow().getLastUsedAt())
			.isNotNull();
	}

	@Test
	void thePortalDoesNotStartWithoutAStrongEnoughKey() {
		for (String key : new String[] { "", "  ", "not base64!", "c2hvcnQ=" }) {
			assertThatIllegalStateException().as("key %s", key)
				.isThrownBy(() -> new ApiCredentials(this.repository, null, Clock.systemUTC(), key))
				.withMessageContaining("PORTAL_API_CREDENTIAL_KEY");
		}
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from api_credential", Long.class);
	}

	private Admin admin(String username) {
		PortalUser user = this.users.findByUsername(username).orElseThrow();
		return new Admin(user.getMerchantId(), user.getId(), username, "127.0.0.1");
	}

}
