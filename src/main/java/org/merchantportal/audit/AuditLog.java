package org.merchantportal.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records logins, lockouts and user changes with who, when and from where, and reads them
 * back for a merchant's Users page. Order actions are recorded as order events instead.
 */
@Service
public class AuditLog {

	private final AuditEventRepository events;

	private final Clock clock;

	AuditLog(AuditEventRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param merchantId the merchant concerned, or null when unknown (a failed login of a
	 * username that does not exist)
	 * @param actor who did it (the user logging in, or the admin changing a user)
	 * @param subject whom it concerns (the user changed), or null
	 * @param detail a message code with its arguments ({@link AuditDetail#of}), or null
	 */
	@Transactional
	public void record(Long merchantId, AuditEventType type, String actor, String subject,
			MessageSourceResolvable detail, String clientAddress) {
		this.events.save(new AuditEvent(merchantId, type, truncate(actor, 254), truncate(subject, 254),
				(detail != null) ? truncate(detail.getCodes()[0], 500) : null,
				(detail != null) ? truncate(AuditDetail.encode(detail.getArguments()), 500) : null,
				truncate(clientAddress, 64), this.clock.instant()));
	}

	@Transactional(readOnly = true)
	public List<AuditEvent> recent(long merchantId, int limit) {
		return this.events.findByMerchantIdOrderByOccurredAtDescIdDesc(merchantId, Limit.of(limit));
	}

	private static String truncate(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
