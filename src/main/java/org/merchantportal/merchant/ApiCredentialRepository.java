package org.merchantportal.merchant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface ApiCredentialRepository extends JpaRepository<ApiCredential, Long> {

	Optional<ApiCredential> findByUsername(String username);

	Optional<ApiCredential> findByMerchantIdAndPublicId(long merchantId, UUID publicId);

	List<ApiCredential> findByMerchantIdOrderByCreatedAtDescIdDesc(long merchantId);

	boolean existsByUsername(String username);

	boolean existsByMerchantIdAndName(long merchantId, String name);

	long countByMerchantIdAndRevokedAtIsNull(long merchantId);

	/**
	 * Records a use, at most once a minute per credential: a busy integration does not
	 * write a row per call.
	 */
	@Transactional
	@Modifying
	@Query("update ApiCredential c set c.lastUsedAt = :now where c.id = :id "
			+ "and (c.lastUsedAt is null or c.lastUsedAt < :minuteAgo)")
	int recordUse(@Param("id") long id, @Param("now") Instant now, @Param("minuteAgo") Instant minuteAgo);

}
