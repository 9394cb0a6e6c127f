package org.merchantportal.order;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Orders, always looked up within one merchant: another merchant's order is as absent as
 * a missing one.
 */
public interface OrderRepository extends Repository<Order, Long> {

	Order save(Order order);

	/** Writes the pending changes now, so that new events get their keys. */
	void flush();

	/** The order with its lines, in one statement. */
	@EntityGraph(attributePaths = "lines")
	Optional<Order> findByMerchantIdAndPublicId(long merchantId, UUID publicId);

	Optional<Order> findById(long id);

	/**
	 * The order with its row locked until the transaction ends: actions on it queue up.
	 * Every change of an order (and so of its balance) goes through here or
	 * {@link #findByIdForUpdate}. The lock is taken on the order's row alone, before the
	 * order is read: Hibernate would lock the order and its balance in separate selects.
	 */
	default Optional<Order> findForUpdate(long merchantId, UUID publicId) {
		return lockRow(merchantId, publicId.toString()).flatMap(this::findById);
	}

	/** As {@link #findForUpdate}, by the order's internal id. */
	default Optional<Order> findByIdForUpdate(long id) {
		return lockRow(id).flatMap(this::findById);
	}

	@Query(value = "select id from purchase_order where merchant_id = :merchantId and public_id = :publicId for update",
			nativeQuery = true)
	Optional<Long> lockRow(long merchantId, String publicId);

	@Query(value = "select id from purchase_order where id = :id for update", nativeQuery = true)
	Optional<Long> lockRow(long id);

	/** Open authorizations whose expiry date is before the given day, oldest first. */
	@Query("""
			select o.id from Order o
			where o.authorizationExpiresOn < :today
			and o.status in (org.merchantportal.order.OrderStatus.AUTHORIZED, org.merchantportal.order.OrderStatus.PART_CAPTURED)
			order by o.authorizationExpiresOn, o.id""")
	List<Long> findExpiredAuthorizations(java.time.LocalDate today, Limit limit);

	long count();

}
