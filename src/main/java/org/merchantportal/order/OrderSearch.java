package org.merchantportal.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.NativeQuery;

import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Orders page's query: one SQL statement per page, newest first, keyset-paginated
 * (never OFFSET, never a count), and on H2 and PostgreSQL alike a read of about as many
 * index entries as the page has rows, whatever the number of orders.
 * <p>
 * A list reads the columns a row shows along the listing index (by status, if one is
 * chosen), newest first. A search finds the page's order ids in one prefix range per
 * searchable column, each cut to a page and merged, then reads their columns. Left to
 * itself, H2 read a list through the merchant's foreign key index and sorted every one of
 * the merchant's orders: it is told the index.
 */
@Repository
public class OrderSearch {

	/**
	 * What a row shows, and what its More actions menu asks ({@link OrderState}): the
	 * order's columns, then its balance's.
	 */
	private static final List<String> COLUMNS = List.of("public_id", "merchant_reference", "customer_name",
			"customer_email", "created_at", "status", "currency", "authorization_expires_on");

	private static final List<String> BALANCE_COLUMNS = List.of("order_amount", "captured_amount", "refunded_amount",
			"released_amount");

	/**
	 * The searchable columns, lower case, each with its prefix index: merchant reference,
	 * order id, customer email, name and surname.
	 */
	private static final List<Searched> SEARCHED = List.of(new Searched("search_reference", "reference"),
			new Searched("public_id", "public_id"), new Searched("search_email", "email"),
			new Searched("search_name", "name"), new Searched("search_surname", "surname"));

	/**
	 * How many orders may share a searched prefix in one column before H2 reads the
	 * listing index rather than the prefix range (see {@link #search}): past it, a page
	 * of matches is found within about 51 * orders / 2,000 listing entries, and the check
	 * itself reads 2,001 index entries at most.
	 */
	static final int COMMON = 2_000;

	private final EntityManager entityManager;

	private final Syntax syntax;

	OrderSearch(EntityManager entityManager) {
		this.entityManager = entityManager;
		this.syntax = (entityManager.getEntityManagerFactory()
			.unwrap(SessionFactoryImplementor.class)
			.getJdbcServices()
			.getDialect() instanceof PostgreSQLDialect) ? Syntax.POSTGRESQL : Syntax.H2;
	}

	/**
	 * A page of the merchant's orders matching the filter. Its one statement needs no
	 * transaction of its own (it joins a caller's): on PostgreSQL a read-only transaction
	 * around it cost a {@code BEGIN} and a {@code COMMIT} on every page.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public OrderPage find(long merchantId, OrderFilter filter, int size) {
		Sql sql = sql(merchantId, filter, size + 1);
		NativeQuery<?> query = this.entityManager.createNativeQuery(sql.text())
			.unwrap(NativeQuery.class)
			.addScalar("public_id", String.class)
			.addScalar("merchant_reference", String.class)
			.addScalar("customer_name", String.class)
			.addScalar("customer_email", String.class)
			.addScalar("created_at", Instant.class)
			.addScalar("status", String.class)
			.addScalar("currency", String.class)
			.addScalar("authorization_expires_on", LocalDate.class)
			.addScalar("order_amount", Long.class)
			.addScalar("captured_amount", Long.class)
			.addScalar("refunded_amount", Long.class)
			.addScalar("released_amount", Long.class);
		for (int i = 0; i < sql.parameters().size(); i++) {
			query.setParameter(i + 1, sql.parameters().get(i));
		}
		List<OrderSummary> found = new ArrayList<>(size + 1);
		for (Object row : query.getResultList()) {
			found.add(summary((Object[]) row));
		}
		boolean more = found.size() > size;
		List<OrderSummary> page = more ? found.subList(0, size) : found;
		return new OrderPage(List.copyOf(page), more ? OrderFilter.Cursor.of(page.get(page.size() - 1)) : null);
	}

	private static OrderSummary summary(Object[] row) {
		OrderState state = new OrderState(OrderStatus.valueOf((String) row[5]), Currency.getInstance((String) row[6]),
				(Long) row[8], (Long) row[9], (Long) row[10], (Long) row[11], (LocalDate) row[7]);
		return new OrderSummary(UUID.fromString((String) row[0]), (String) row[1], (String) row[2], (String) row[3],
				(Instant) row[4], state);
	}

	/**
	 * The page's one statement and its parameters, at most {@code limit} rows. A list is
	 * read straight along its listing index. A search of 3 to 5 characters (without a
	 * status) finds the ids of the page along the index of search keys, newest first; any
	 * other search along each column's prefix index. Both then read the ids' columns.
	 */
	Sql sql(long merchantId, OrderFilter filter, int limit) {
		if (filter.query() == null) {
			Sql sql = new Sql();
			listing(sql, columns("p"), merchantId, filter, null);
			return sql.append(fetchFirst(limit));
		}
		String prefix = filter.query().toLowerCase(Locale.ROOT);
		if (SearchKey.covers(prefix) && filter.status() == null) {
			// The orders with this key, newest first: a page of index entries, each
			// joined
			// to its order. (Not "o.id in (the page of keys)": H2 checks that condition
			// again for each row it finds, and without its result reuse ran the
			// subquery 51 times.)
			Sql sql = new Sql().append("select " + columns("o") + " from order_search_key p")
				.append(this.syntax.using("ix_order_search_key"))
				.append(" join purchase_order o on o.id = p.order_id" + balance("o"));
			sql.append(" where p.merchant_id = ? and p.search_key = ?", merchantId, prefix);
			filters(sql, filter);
			sql.append(" order by p.merchant_id, p.search_key, p.created_at desc, p.public_id desc");
			return sql.append(fetchFirst(limit));
		}
		Sql sql = new Sql().append("select " + columns("o") + " from purchase_order o" + balance("o"))
			.append(" where o.id in (");
		// One prefix range per column, each cut to a page, and their union: the page's
		// orders are among those (at most five pages of ids), and the outer query keeps
		// the newest. An OR of the five would scan every order of the merchant. (Not a
		// derived table "from (…) u": H2 keeps a copy of one with a LIKE parameter for
		// every value it ran with, until the heap runs out.)
		for (int i = 0; i < SEARCHED.size(); i++) {
			sql.append((i == 0) ? "(" : " union (");
			search(sql, merchantId, filter, prefix, SEARCHED.get(i), limit);
			sql.append(")");
		}
		return sql.append(") order by o.created_at desc, o.public_id desc").append(fetchFirst(limit));
	}

	/** The columns of a row, of the order {@code alias} and its {@link #balance}. */
	private static String columns(String alias) {
		return COLUMNS.stream().map((column) -> alias + "." + column).collect(Collectors.joining(", ")) + ", "
				+ BALANCE_COLUMNS.stream().map((column) -> alias + "b." + column).collect(Collectors.joining(", "));
	}

	/**
	 * The order's balance, joined as {@code alias + "b"}. Every order has one; the outer
	 * join only keeps H2 from starting at the balances, which hold no merchant, and
	 * reading all of them.
	 */
	private static String balance(String alias) {
		return " left join order_balance " + alias + "b on " + alias + "b.order_id = " + alias + ".id";
	}

	/**
	 * The newest orders of one column's prefix range. PostgreSQL reads a prefix that many
	 * orders share along the listing index by itself; H2, which keeps no statistics of
	 * values, would read and sort every match (all of a merchant's orders for "NS-"). For
	 * H2, the range is read only when it holds at most {@link #COMMON} entries; beyond
	 * that, the listing index is read newest first until a page of orders matches. The
	 * branch not chosen fetches no rows, so it reads nothing: H2 evaluates a FETCH FIRST
	 * once per statement, a condition once per row.
	 */
	private void search(Sql sql, long merchantId, OrderFilter filter, String prefix, Searched searched, int limit) {
		String above = Syntax.above(prefix);
		if (!this.syntax.walksCommonPrefixes()) {
			range(sql, merchantId, filter, searched, prefix, above);
			sql.append(fetchFirst(limit));
			return;
		}
		Sql common = new Sql().append("(select c.id from purchase_order c")
			.append(this.syntax.using(searched.index()))
			.append(" where c.merchant_id = ?", merchantId)
			.append(" and " + this.syntax.atLeast("c." + searched.column()), prefix);
		if (above != null) {
			common.append(" and " + this.syntax.below("c." + searched.column()), above);
		}
		common.append(" offset " + COMMON + " rows fetch first 1 rows only)");
		range(sql, merchantId, filter, searched, prefix, above);
		sql.append(
				" fetch first (select case when " + common.text() + " is null then " + limit + " else 0 end) rows only",
				common.parameters().toArray());
		sql.append(") union (");
		listing(sql, "p.id", merchantId, filter, searched);
		sql.append(
				" fetch first (select case when " + common.text() + " is null then 0 else " + limit + " end) rows only",
				common.parameters().toArray());
	}

	private void range(Sql sql, long merchantId, OrderFilter filter, Searched searched, String prefix, String above) {
		sql.append("select p.id from purchase_order p").append(this.syntax.using(searched.index()));
		sql.append(" where p.merchant_id = ?", merchantId);
		sql.append(" and " + this.syntax.atLeast("p." + searched.column()), prefix);
		if (above != null) {
			sql.append(" and " + this.syntax.below("p." + searched.column()), above);
		}
		sql.append(" and p." + searched.column() + " like ? escape '\\'", filter.likePrefix());
		filters(sql, filter);
		sql.append(" order by p.created_at desc, p.public_id desc");
	}

	/**
	 * The newest orders along the listing index (by status, if one is chosen), optionally
	 * only those whose column starts with the search. H2 is told the index: for all of a
	 * merchant's orders it would rather read the merchant's foreign key index, which
	 * holds them in no order, and sort them all.
	 */
	private void listing(Sql sql, String selected, long merchantId, OrderFilter filter, Searched searched) {
		sql.append("select " + selected + " from purchase_order p");
		sql.append(this.syntax
			.using((filter.status() != null) ? "ix_purchase_order_status_listing" : "ix_purchase_order_listing"));
		if (searched == null) {
			sql.append(balance("p"));
		}
		sql.append(" where p.merchant_id = ?", merchantId);
		if (searched != null) {
			sql.append(" and p." + searched.column() + " like ? escape '\\'", filter.likePrefix());
		}
		filters(sql, filter);
		// Leading with the equality columns lets H2 read the listing indexes in order
		// instead of sorting every matching row (PostgreSQL does either way).
		sql.append((filter.status() != null) ? " order by p.merchant_id, p.status" : " order by p.merchant_id")
			.append(", p.created_at desc, p.public_id desc");
	}

	private void filters(Sql sql, OrderFilter filter) {
		if (filter.status() != null) {
			sql.append(" and p.status = ?", filter.status().name());
		}
		if (filter.from() != null) {
			sql.append(" and p.created_at >= ?", filter.startOf(filter.from()));
		}
		Instant to = (filter.to() != null) ? filter.startOf(filter.to().plusDays(1)) : null;
		OrderFilter.Cursor after = filter.after();
		if (after != null && (to == null || after.createdAt().isBefore(to))) {
			// Written so that H2 and PostgreSQL both use it as an index range. It implies
			// "before the end date", which H2 would otherwise take as the range instead.
			sql.append(" and p.created_at <= ? and (p.created_at < ? or p.public_id < ?)", after.createdAt(),
					after.createdAt(), after.orderId().toString());
		}
		else if (to != null) {
			// The end date implies the cursor (when there is one): every order before it
			// was placed before the cursor's order.
			sql.append(" and p.created_at < ?", to);
		}
	}

	private static String fetchFirst(int limit) {
		return " fetch first " + limit + " rows only";
	}

	/**
	 * One page of orders, and the cursor of the next page if there is one.
	 */
	public record OrderPage(List<OrderSummary> orders, OrderFilter.Cursor next) {

	}

	/**
	 * What the search writes differently for each database. A column's prefix becomes an
	 * index range the planner can use with a bound parameter (a {@code LIKE ?} alone is
	 * one for neither database: H2 would scan every order of the merchant). PostgreSQL's
	 * search indexes use {@code varchar_pattern_ops}, so that they work whatever the
	 * database's collation, and their operators compare bytes; H2 compares characters.
	 * H2, which keeps no statistics of values, is told which index serves the column (it
	 * would rather take a status listing and read every order of that status); PostgreSQL
	 * chooses well.
	 */
	enum Syntax {

		H2(">=", "<", true), POSTGRESQL("~>=~", "~<~", false);

		private final String atLeast;

		private final String below;

		private final boolean withoutStatistics;

		Syntax(String atLeast, String below, boolean withoutStatistics) {
			this.atLeast = atLeast;
			this.below = below;
			this.withoutStatistics = withoutStatistics;
		}

		/** Whether a prefix that many orders share must be read along the listing. */
		boolean walksCommonPrefixes() {
			return this.withoutStatistics;
		}

		String atLeast(String column) {
			return column + " " + this.atLeast + " ?";
		}

		String below(String column) {
			return column + " " + this.below + " ?";
		}

		String using(String index) {
			return this.withoutStatistics ? " use index (" + index + ")" : "";
		}

		/**
		 * The smallest text above every text that starts with the prefix, in the order of
		 * both databases (code points, and UTF-16 for H2), or null where there is none
		 * that is simple; the LIKE after the range keeps the result exact either way.
		 */
		static String above(String prefix) {
			int last = prefix.codePointBefore(prefix.length());
			if (last == Character.MAX_VALUE || last == Character.MAX_CODE_POINT) {
				return null;
			}
			int next = (last == Character.MIN_SURROGATE - 1) ? Character.MAX_SURROGATE + 1 : last + 1;
			return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
		}

	}

	/** A searchable column and its prefix index (ix_purchase_order_…). */
	private record Searched(String column, String name) {

		String index() {
			return "ix_purchase_order_" + this.name;
		}

	}

	/**
	 * SQL text and its positional parameters, built together: each fragment comes with
	 * the values of its {@code ?} placeholders. Only code writes the text; what a person
	 * typed is always a parameter.
	 */
	static final class Sql {

		private final StringBuilder text = new StringBuilder();

		private final List<Object> parameters = new ArrayList<>();

		Sql append(String fragment, Object... values) {
			long placeholders = fragment.chars().filter((c) -> c == '?').count();
			if (placeholders != values.length) {
				throw new IllegalArgumentException(values.length + " values for " + placeholders + " placeholders");
			}
			this.text.append(fragment);
			Collections.addAll(this.parameters, values);
			return this;
		}

		String text() {
			return this.text.toString();
		}

		List<Object> parameters() {
			return Collections.unmodifiableList(this.parameters);
		}

	}

}
