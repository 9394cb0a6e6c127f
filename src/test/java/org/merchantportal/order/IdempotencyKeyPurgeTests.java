package org.merchantportal.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Idempotency keys are kept for 24 hours and then forgotten, in batches.
 */
@AttackTest
class IdempotencyKeyPurgeTests {

	@Autowired
	IdempotencyKeyPurge purge;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void keysOlderThanTheRetentionAreForgottenAndYoungerOnesKept() {
		long merchant = this.jdbc.queryForObject("select min(id) from merchant", Long.class);
		Instant now = Instant.now();
		String tag = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 2_500; i++) {
			insert(merchant, "old-" + tag + "-" + i, now.minus(Duration.ofHours(25)));
		}
		insert(merchant, "young-" + tag + "-key", now.minus(Duration.ofHours(23)));

		assertThat(this.purge.purge()).isGreaterThanOrEqualTo(2_500);

		assertThat(count("old-" + tag + "-%")).isZero();
		assertThat(count("young-" + tag + "-%")).isOne();
	}

	@Autowired
	OrderService orders;

	@Autowired
	org.springframework.context.ApplicationContext context;

	/**
	 * A page's form outlives its key by no moment: a form older than the retention less
	 * an hour is refused as expired, so that sending it again can never act twice after
	 * its key was purged.
	 */
	@Test
	void aFormOlderThanItsKeyIsKeptIsRefusedAsExpired() {
		var fixtures = new org.merchantportal.security.AttackFixtures(this.context);
		Staff manager = new Staff(fixtures.nordic(), "orders@nordic-shoes.example",
				org.merchantportal.merchant.Role.ORDER_MANAGER);
		Order stale = fixtures.order(fixtures.nordic(), OrderStatus.AUTHORIZED);
		String expired = OrderService.newFormKey(Instant.now().minus(Duration.ofHours(23)).minusSeconds(60));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IdempotencyKeyException.class)
			.isThrownBy(() -> this.orders.cancel(manager, stale.getPublicId(), expired))
			.satisfies((ex) -> assertThat(org.merchantportal.i18n.English.of(ex)).contains("expired"));
		assertThat(fixtures.statusOf(stale.getPublicId())).isEqualTo("AUTHORIZED");
		String fresh = OrderService.newFormKey(Instant.now().minus(Duration.ofHours(22)));
		assertThat(this.orders.cancel(manager, stale.getPublicId(), fresh).changed()).isTrue();
		// A client's own key, however it looks, never expires here.
		Order other = fixtures.order(fixtures.nordic(), OrderStatus.AUTHORIZED);
		assertThat(this.orders.cancel(manager, other.getPublicId(), "f0000000-" + UUID.randomUUID()).changed())
			.isTrue();
	}

	@Test
	void theRetentionIsNeverUnderTheApisPromiseOf24Hours() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdempotencyKeyPurge(this.jdbc, Clock.systemUTC(), Duration.ofHours(23)));
	}

	private void insert(long merchant, String key, Instant at) {
		this.jdbc.update("insert into idempotency_key (merchant_id, idempotency_key, fingerprint, outcome, created_at) "
				+ "values (?, ?, 'f', 'o', ?)", merchant, key, Timestamp.from(at));
	}

	private long count(String pattern) {
		return this.jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key like ?", Long.class,
				pattern);
	}

}
