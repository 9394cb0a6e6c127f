package org.merchantportal.order;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Orders page's query: one SQL statement per page, newest first, keyset-paginated
 * (never OFFSET, never a count), every condition index-friendly.
 */
@Repository
public class OrderSearch {

	private final EntityManager entityManager;

	OrderSearch(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * A page of the merchant's orders matching the filter.
	 */
	@Transactional(readOnly = true)
	public OrderPage find(long merchantId, OrderFilter filter, int size) {
		StringBuilder jpql = new StringBuilder("select o from Order o where o.merchantId = :merchant");
		if (filter.status() != null) {
			jpql.append(" and o.status = :status");
		}
		if (filter.from() != null) {
			jpql.append(" and o.createdAt >= :from");
		}
		if (filter.to() != null) {
			jpql.append(" and o.createdAt < :to");
		}
		if (filter.query() != null) {
			jpql.append(" and (o.searchReference like :prefix escape '\\' or o.publicIdText like :prefix escape '\\'"
					+ " or o.searchEmail like :prefix escape '\\' or o.searchName like :prefix escape '\\'"
					+ " or o.searchSurname like :prefix escape '\\')");
		}
		if (filter.after() != null) {
			// Written so that H2 and PostgreSQL both use it as an index range.
			jpql.append(" and o.createdAt <= :afterTime and (o.createdAt < :afterTime or o.publicIdText < :afterId)");
		}
		// Leading with the equality columns lets H2 read the listing indexes in order
		// instead of sorting every matching row (PostgreSQL does either way).
		jpql.append((filter.status() != null) ? " order by o.merchantId, o.status" : " order by o.merchantId");
		jpql.append(", o.createdAt desc, o.publicIdText desc");

		TypedQuery<Order> query = this.entityManager.createQuery(jpql.toString(), Order.class)
			.setParameter("merchant", merchantId)
			.setMaxResults(size + 1);
		if (filter.status() != null) {
			query.setParameter("status", filter.status());
		}
		if (filter.from() != null) {
			query.setParameter("from", startOf(filter.from()));
		}
		if (filter.to() != null) {
			query.setParameter("to", startOf(filter.to().plusDays(1)));
		}
		if (filter.query() != null) {
			query.setParameter("prefix", filter.likePrefix());
		}
		if (filter.after() != null) {
			query.setParameter("afterTime", filter.after().createdAt())
				.setParameter("afterId", filter.after().orderId().toString());
		}
		List<Order> found = query.getResultList();
		boolean more = found.size() > size;
		List<Order> page = more ? found.subList(0, size) : found;
		return new OrderPage(page, more ? OrderFilter.Cursor.of(page.get(page.size() - 1)) : null);
	}

	private static java.time.Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * One page of orders, and the cursor of the next page if there is one.
	 */
	public record OrderPage(List<Order> orders, OrderFilter.Cursor next) {

	}

}
