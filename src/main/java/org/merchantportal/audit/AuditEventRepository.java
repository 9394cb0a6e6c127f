package org.merchantportal.audit;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

interface AuditEventRepository extends Repository<AuditEvent, Long> {

	AuditEvent save(AuditEvent event);

	List<AuditEvent> findByMerchantIdOrderByOccurredAtDescIdDesc(long merchantId, Limit limit);

}
