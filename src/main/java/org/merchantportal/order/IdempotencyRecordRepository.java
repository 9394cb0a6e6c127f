package org.merchantportal.order;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface IdempotencyRecordRepository extends Repository<IdempotencyRecord, Long> {

	Optional<IdempotencyRecord> findByMerchantIdAndKey(long merchantId, String key);

	IdempotencyRecord saveAndFlush(IdempotencyRecord record);

}
