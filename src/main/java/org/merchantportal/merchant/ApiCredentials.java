package org.merchantportal.merchant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.merchantportal.audit.AuditDetail;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.merchant.UserAdministration.Admin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant's API credentials: created by an ADMIN (the secret shown once), listed,
 * revoked, and checked on every API call.
 * <p>
 * A secret is 256 random bits, so a keyed hash (HMAC-SHA256 under
 * {@code portal.api.credential-key}) protects it as well as a slow password hash would,
 * and checking it costs microseconds rather than BCrypt's tens of milliseconds per call.
 * Without the key, a copy of the database does not even let anyone test a guess. Every
 * call reads the credential afresh, so a revocation holds on every node at once.
 */
@Service
public class ApiCredentials {

	public static final int MAX_NAME_LENGTH = 100;

	/** Active credentials a merchant may have at once. */
	public static final int MAX_ACTIVE = 20;

	/** The prefixes make a leaked credential recognisable to secret scanners. */
	static final String USERNAME_PREFIX = "mp_";

	static final String SECRET_PREFIX = "mps_";

	private static final int MIN_KEY_BYTES = 32;

	private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

	private final ApiCredentialRepository credentials;

	private final AuditLog audit;

	private final Clock clock;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	/**
	 * A hash to compare with when the username is unknown, so that both cost the same.
	 */
	private final String unknownUsersHash;

	ApiCredentials(ApiCredentialRepository credentials, AuditLog audit, Clock clock,
			@Value("${portal.api.credential-key:}") String key) {
		this.credentials = credentials;
		this.audit = audit;
		this.clock = clock;
		this.key = new SecretKeySpec(decodeKey(key), "HmacSHA256");
		this.unknownUsersHash = hash(SECRET_PREFIX + "unknown");
	}

	private static byte[] decodeKey(String key) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(key.strip());
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length < MIN_KEY_BYTES) {
			throw new IllegalStateException("portal.api.credential-key (PORTAL_API_CREDENTIAL_KEY) must be at least "
					+ MIN_KEY_BYTES + " random bytes in base64, e.g. the output of `openssl rand -base64 32`");
		}
		return bytes;
	}

	/** A new credential and its secret, which is shown this once and never again. */
	public record Created(ApiCredential credential, String secret) {
	}

	/** The merchant's system a call authenticated as. */
	public record Client(long merchantId, UUID credentialId, String name, String username) {
	}

	@Transactional(readOnly = true)
	public List<ApiCredential> list(long merchantId) {
		return this.credentials.findByMerchantIdOrderByCreatedAtDescIdDesc(merchantId);
	}

	@Transactional
	public Created create(Admin admin, String name) {
		String cleaned = validName(name);
		if (this.credentials.countByMerchantIdAndRevokedAtIsNull(admin.merchantId()) >= MAX_ACTIVE) {
			// Each credential has its own rate limit: a bound on them bounds the
			// merchant's.
			throw new UserAdministrationException("name", "credentials.error.tooMany", MAX_ACTIVE);
		}
		if (this.credentials.existsByMerchantIdAndName(admin.merchantId(), cleaned)) {
			// Revoked ones too: the timeline names a credential by its name.
			throw new UserAdministrationException("name", "credentials.error.taken");
		}
		String username;
		do {
			username = USERNAME_PREFIX + HexFormat.of().formatHex(randomBytes(8));
		}
		while (this.credentials.existsByUsername(username));
		String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
		ApiCredential credential = this.credentials.save(new ApiCredential(admin.merchantId(), cleaned, username,
				hash(secret), this.clock.instant(), admin.username()));
		this.audit.record(admin.merchantId(), AuditEventType.API_CREDENTIAL_CREATED, admin.username(), username,
				AuditDetail.of("audit.detail.credentialCreated", cleaned), admin.clientAddress());
		return new Created(credential, secret);
	}

	/**
	 * A credential with fixed values, for the embedded default's demo data only (see
	 * DemoData): its username and secret are in the README.
	 */
	@Transactional
	public ApiCredential createForDemo(long merchantId, String name, String username, String secret) {
		return this.credentials.findByUsername(username)
			.orElseGet(() -> this.credentials.save(new ApiCredential(merchantId, validName(name), username,
					hash(secret), this.clock.instant(), "demo data")));
	}

	/** Revokes one of the merchant's credentials; revoking it again changes nothing. */
	@Transactional
	public void revoke(Admin admin, UUID credentialId) {
		ApiCredential credential = this.credentials.findByMerchantIdAndPublicId(admin.merchantId(), credentialId)
			.orElseThrow(ApiCredentialNotFoundException::new);
		if (credential.isRevoked()) {
			return;
		}
		credential.revoke(this.clock.instant(), admin.username());
		this.audit.record(admin.merchantId(), AuditEventType.API_CREDENTIAL_REVOKED, admin.username(),
				credential.getUsername(), AuditDetail.of("audit.detail.credentialRevoked", credential.getName()),
				admin.clientAddress());
	}

	/**
	 * The client whose credential this is, if the secret is right and the credential is
	 * not revoked. Costs the same whether or not the username exists.
	 */
	@Transactional
	public Optional<Client> authenticate(String username, String secret) {
		Optional<ApiCredential> found = (username != null && username.length() <= 64)
				? this.credentials.findByUsername(username) : Optional.empty();
		String expected = found.map(ApiCredential::getSecretHash).orElse(this.unknownUsersHash);
		boolean matches = secret != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				hash(secret).getBytes(StandardCharsets.US_ASCII));
		if (found.isEmpty() || !matches || found.get().isRevoked()) {
			return Optional.empty();
		}
		ApiCredential credential = found.get();
		Instant now = this.clock.instant();
		this.credentials.recordUse(credential.getId(), now, now.minus(USE_RESOLUTION));
		return Optional.of(new Client(credential.getMerchantId(), credential.getPublicId(), credential.getName(),
				credential.getUsername()));
	}

	private String hash(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static String validName(String name) {
		String cleaned = (name != null) ? name.strip() : "";
		if (cleaned.isEmpty()) {
			throw new UserAdministrationException("name", "credentials.error.name");
		}
		if (cleaned.length() > MAX_NAME_LENGTH) {
			throw new UserAdministrationException("name", "credentials.error.nameTooLong", MAX_NAME_LENGTH);
		}
		if (cleaned.chars().anyMatch(Character::isISOControl)) {
			throw new UserAdministrationException("name", "credentials.error.nameNotText");
		}
		return cleaned;
	}

}
