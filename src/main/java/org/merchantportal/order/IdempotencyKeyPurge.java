package org.merchantportal.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys older than {@code portal.idempotency.retention} (24 hours by
 * default, the least the merchant API promises): a repeat within that time replays the
 * first answer, a repeat after it is a new request. Runs hourly on every node, a thousand
 * keys per statement so that no delete grows with the table; two nodes purging at once
 * only delete the same old rows.
 */
@Component
public class IdempotencyKeyPurge {

	private static final int BATCH = 1000;

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration retention;

	IdempotencyKeyPurge(JdbcTemplate jdbc, Clock clock,
			@Value("${portal.idempotency.retention:PT24H}") Duration retention) {
		if (retention.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException("portal.idempotency.retention must be at least 24 hours");
		}
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(cron = "${portal.idempotency.purge-cron:0 17 * * * *}")
	void scheduled() {
		int purged = purge();
		if (purged > 0) {
			logger.info("Purged {} idempotency keys older than {}", purged, this.retention);
		}
	}

	/**
	 * @return how many keys were forgotten
	 */
	public int purge() {
		Instant before = this.clock.instant().minus(this.retention);
		int purged = 0;
		int deleted;
		do {
			deleted = this.jdbc.update("delete from idempotency_key where id in (select id from idempotency_key "
					+ "where created_at < ? order by created_at limit " + BATCH + ")", Timestamp.from(before));
			purged += deleted;
		}
		while (deleted == BATCH);
		return purged;
	}

}
