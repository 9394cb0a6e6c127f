package org.merchantportal.audit;

import java.util.List;

import jakarta.persistence.EntityManager;

/**
 * The audit events about one subject (a username, also one that does not exist), newest
 * first, for tests: the portal itself lists a merchant's events only
 * ({@link AuditLog#recent}), and a login as an unknown user belongs to no merchant.
 */
public final class AuditTrail {

	private AuditTrail() {
	}

	public static List<AuditEvent> about(EntityManager entityManager, String subject, int limit) {
		return entityManager
			.createQuery("select e from AuditEvent e where e.subject = :subject order by e.occurredAt desc, e.id desc",
					AuditEvent.class)
			.setParameter("subject", subject)
			.setMaxResults(limit)
			.getResultList();
	}

}
