package org.merchantportal.merchant;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface PortalUserRepository extends JpaRepository<PortalUser, Long> {

	Optional<PortalUser> findByUsername(String username);

	/** The user with its row locked, to count failed logins exactly under concurrency. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<PortalUser> findLockedByUsername(String username);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<PortalUser> findLockedById(long id);

	Optional<PortalUser> findByIdAndMerchantId(long id, long merchantId);

	List<PortalUser> findByMerchantIdOrderByUsername(long merchantId);

	boolean existsByUsername(String username);

}
