package org.merchantportal.merchant;

import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface MerchantRepository extends JpaRepository<Merchant, Long> {

	/** The merchant with its row locked: user changes of one merchant queue up. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select m from Merchant m where m.id = :id")
	Optional<Merchant> findByIdForUpdate(long id);

}
