package org.merchantportal.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends authorizations that ran out: an uncaptured order becomes EXPIRED, a part-captured
 * one CLOSED, each with an event. Runs on a schedule; each order in its own short
 * transaction with its row locked, so that it never races a person's action.
 */
@Component
public class AuthorizationExpiry {

	private static final int BATCH = 200;

	private static final Logger logger = LoggerFactory.getLogger(AuthorizationExpiry.class);

	private final OrderRepository orders;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AuthorizationExpiry(OrderRepository orders, TransactionTemplate transactions, Clock clock) {
		this.orders = orders;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(cron = "${portal.expiry.cron:0 */5 * * * *}")
	void scheduled() {
		int expired = expireDue();
		if (expired > 0) {
			logger.info("Expired {} authorizations", expired);
		}
	}

	/**
	 * @return how many orders were expired
	 */
	public int expireDue() {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, Order.ZONE);
		int expired = 0;
		List<Long> due;
		int before;
		do {
			before = expired;
			due = this.orders.findExpiredAuthorizations(today, Limit.of(BATCH));
			for (Long id : due) {
				Boolean done = this.transactions.execute((status) -> this.orders.findByIdForUpdate(id)
					.filter((order) -> order.getStatus().isOpen() && order.isAuthorizationExpired(now))
					.map((order) -> {
						order.expire(now);
						return true;
					})
					.orElse(false));
				expired += Boolean.TRUE.equals(done) ? 1 : 0;
			}
		}
		while (due.size() == BATCH && expired > before);
		return expired;
	}

}
