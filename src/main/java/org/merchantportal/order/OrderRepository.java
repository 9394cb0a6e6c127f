package org.merchantportal.order;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Orders, always looked up within one merchant: another merchant's order is as absent as
 * a missing one.
 */
public interface OrderRepository extends Repository<Order, Long> {

	Order save(Order order);

	Optional<Order> findByMerchantIdAndPublicId(long merchantId, UUID publicId);

	/**
	 * The order with its row locked until the transaction ends: actions on it queue up.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from Order o where o.merchantId = :merchantId and o.publicId = :publicId")
	Optional<Order> findForUpdate(long merchantId, UUID publicId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from Order o where o.id = :id")
	Optional<Order> findByIdForUpdate(long id);

	/** Open authorizations whose expiry date is before the given day, oldest first. */
	@Query("""
			select o.id from Order o
			where o.authorizationExpiresOn < :today
			and o.status in (org.merchantportal.order.OrderStatus.AUTHORIZED, org.merchantportal.order.OrderStatus.PART_CAPTURED)
			order by o.authorizationExpiresOn, o.id""")
	List<Long> findExpiredAuthorizations(java.time.LocalDate today, Limit limit);

	/** A merchant's newest orders, as the Orders page lists them. */
	List<Order> findByMerchantIdOrderByCreatedAtDescPublicIdTextDesc(long merchantId, Limit limit);

	long count();

}
