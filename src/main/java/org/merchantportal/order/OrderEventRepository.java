package org.merchantportal.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Pages of an order's timeline, newest first, read from the index
 * {@code ix_order_event_order (order_id, occurred_at, id)} backwards. Every query reads
 * at most as many rows as it returns (and one more), on H2 and PostgreSQL alike: each
 * leads its ORDER BY with the order, which H2 needs to read the index in order rather
 * than sort, and none leaves a range open on both time and key, which H2 would scan
 * across all events of the same time.
 */
interface OrderEventRepository extends Repository<OrderEvent, Long> {

	/**
	 * A page of the order's timeline: its newest events, or those just older than the
	 * cursor. One statement, or two where the cursor's time is shared by fewer events
	 * than a page.
	 */
	default TimelinePage page(long orderId, TimelinePage.Cursor before, int size) {
		if (before == null) {
			return TimelinePage.of(findUpTo(orderId, TimelinePage.Cursor.LATEST, Limit.of(size + 1)), size);
		}
		List<OrderEvent> events = new ArrayList<>(
				findAtTimeBefore(orderId, before.occurredAt(), before.eventId(), Limit.of(size + 1)));
		if (events.size() <= size) {
			events.addAll(findUpTo(orderId, before.latestStrictlyBefore(), Limit.of(size + 1 - events.size())));
		}
		return TimelinePage.of(events, size);
	}

	/** The events of exactly that time whose key is lower. */
	@Query("""
			select e from OrderEvent e where e.order.id = :orderId and e.occurredAt = :at and e.id < :id
			order by e.order.id desc, e.occurredAt desc, e.id desc""")
	List<OrderEvent> findAtTimeBefore(long orderId, Instant at, long id, Limit limit);

	/** The events of that time or earlier. */
	@Query("""
			select e from OrderEvent e where e.order.id = :orderId and e.occurredAt <= :at
			order by e.order.id desc, e.occurredAt desc, e.id desc""")
	List<OrderEvent> findUpTo(long orderId, Instant at, Limit limit);

}
