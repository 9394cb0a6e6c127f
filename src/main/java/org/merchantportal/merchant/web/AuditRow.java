package org.merchantportal.merchant.web;

import java.time.Instant;

import org.merchantportal.audit.AuditEvent;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.i18n.Messages;

import java.util.Locale;

/**
 * An entry of the audit log as the Users page shows it: its detail in the reader's
 * language.
 */
record AuditRow(Instant occurredAt, AuditEventType type, String actor, String subject, String detail,
		String clientAddress) {

	static AuditRow of(AuditEvent event, Messages messages, Locale locale) {
		return new AuditRow(event.getOccurredAt(), event.getType(), event.getActor(), event.getSubject(),
				(event.getDetail() != null) ? messages.get(event.getDetail(), locale) : null, event.getClientAddress());
	}

}
