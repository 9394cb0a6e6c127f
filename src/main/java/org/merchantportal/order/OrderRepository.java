package org.merchantportal.order;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/**
 * Orders, always looked up within one merchant: another merchant's order is as absent as
 * a missing one.
 */
public interface OrderRepository extends Repository<Order, Long> {

	Order save(Order order);

	/** A merchant's newest orders, served by the (merchant_id, created_at, id) index. */
	List<Order> findByMerchantIdOrderByCreatedAtDescIdDesc(long merchantId, Limit limit);

	boolean existsByMerchantId(long merchantId);

	long count();

}
