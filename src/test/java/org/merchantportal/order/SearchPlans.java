package org.merchantportal.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many orders of one merchant, seeded with straight SQL (a database's planner chooses at
 * that size what it chooses at a million), and the Orders page's statement as the
 * database plans it: what the plan tests of H2 and PostgreSQL share.
 * <p>
 * Order {@code x} (1 to count) is {@code PLAN-x}, placed x minutes before
 * {@link #NEWEST}, by one of 20 first names and 31 surnames (email
 * {@code firstname.x@mail.example}), except orders 1 to 3, which are Zelda Quist's, the
 * merchant's only ones of that name. Statuses cycle through AUTHORIZED, CAPTURED,
 * PART_CAPTURED and CANCELLED.
 */
final class SearchPlans {

	/** When the newest seeded order was placed, plus a minute. */
	static final Instant NEWEST = Instant.parse("2026-03-01T12:00:00Z");

	static final List<String> FIRST_NAMES = List.of("Anna", "Erik", "Sofia", "Lars", "Maria", "Johan", "Karin",
			"Anders", "Eva", "Per", "Elin", "Nils", "Ida", "Oskar", "Sara", "Emil", "Linnea", "Axel", "Maja", "Hugo");

	static final List<String> SURNAMES = List.of("Svensson", "Larsson", "Berg", "Lindqvist", "Andersson", "Nilsson",
			"Eriksson", "Johansson", "Karlsson", "Olsson", "Persson", "Gustafsson", "Pettersson", "Jonsson", "Hansson",
			"Bengtsson", "Lindberg", "Jakobsson", "Magnusson", "Lind", "Holm", "Sandberg", "Forsberg", "Sundberg",
			"Engstrom", "Lundgren", "Wallin", "Bjork", "Ek", "Hedlund", "Axelsson");

	enum Database {

		H2("cast(random_uuid() as varchar)", "dateadd(minute, -x, timestamp with time zone '2026-03-01 12:00:00+00')",
				"system_range(1, %d)"),

		POSTGRESQL("gen_random_uuid()::text", "timestamptz '2026-03-01 12:00:00+00' - x * interval '1 minute'",
				"generate_series(1, %d) as g(x)");

		private final String uuid;

		private final String placed;

		private final String rows;

		Database(String uuid, String placed, String rows) {
			this.uuid = uuid;
			this.placed = placed;
			this.rows = rows;
		}

	}

	private SearchPlans() {
	}

	static void seed(JdbcTemplate jdbc, Database database, long merchantId, int count) {
		jdbc.update(
				"""
						insert into purchase_order (public_id, merchant_id, merchant_reference, customer_name, customer_email,
						  search_reference, search_name, search_email, search_surname, currency, status, created_at,
						  authorization_expires_on)
						select %s, ?, 'PLAN-' || x, f || ' ' || s, lower(f) || '.' || x || '@mail.example', 'plan-' || x,
						  lower(f || ' ' || s), lower(f) || '.' || x || '@mail.example', lower(s), 'SEK', st, %s,
						  date '2026-03-29'
						from (select x, case when x <= 3 then 'Zelda' else %s end f, case when x <= 3 then 'Quist' else %s end s,
						  case mod(x, 4) when 0 then 'AUTHORIZED' when 1 then 'CAPTURED' when 2 then 'PART_CAPTURED'
						  else 'CANCELLED' end st from %s) seeded
						"""
					.formatted(database.uuid, database.placed, pick(FIRST_NAMES, "x"), pick(SURNAMES, "x / 20"),
							database.rows.formatted(count)),
				merchantId);
		jdbc.update(
				"""
						insert into order_balance (order_id, order_amount, captured_amount, refunded_amount, released_amount)
						select o.id, 10000, case o.status when 'CAPTURED' then 10000 when 'PART_CAPTURED' then 5000 else 0 end, 0,
						  case o.status when 'CANCELLED' then 10000 else 0 end
						from purchase_order o
						where o.merchant_id = ? and not exists (select 1 from order_balance b where b.order_id = o.id)""",
				merchantId);
		jdbc.update("delete from order_search_key where merchant_id = ?", merchantId);
		for (String keys : SEARCH_KEYS) {
			jdbc.update(keys + " and merchant_id = ?", merchantId);
		}
	}

	/** The searchable values, in the order of V8__search_keys.sql. */
	private static final List<String> SEARCHED = List.of("search_reference", "public_id", "search_email", "search_name",
			"search_surname");

	/**
	 * The search keys of orders inserted with SQL, as the Order aggregate writes them:
	 * each distinct 3, 4 and 5 character prefix of an order's values once (as the
	 * migration V8__search_keys.sql writes them for the orders before it).
	 */
	private static final List<String> SEARCH_KEYS = searchKeys();

	private static List<String> searchKeys() {
		List<String> statements = new java.util.ArrayList<>();
		for (int length = SearchKey.SHORTEST; length <= SearchKey.LONGEST; length++) {
			for (int i = 0; i < SEARCHED.size(); i++) {
				String value = SEARCHED.get(i);
				StringBuilder sql = new StringBuilder(
						"insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)"
								+ " select id, left(%s, %d), merchant_id, created_at, public_id from purchase_order"
									.formatted(value, length)
								+ " where length(%s) >= %d".formatted(value, length));
				for (String earlier : SEARCHED.subList(0, i)) {
					sql.append(" and left(%s, %d) <> left(%s, %d)".formatted(earlier, length, value, length));
				}
				statements.add(sql.toString());
			}
		}
		return statements;
	}

	/** {@code case mod(index, n) when 0 then 'first' … end} */
	private static String pick(List<String> values, String index) {
		StringBuilder sql = new StringBuilder("case mod(" + index + ", " + values.size() + ")");
		for (int i = 0; i < values.size(); i++) {
			sql.append(" when ").append(i).append(" then '").append(values.get(i)).append("'");
		}
		return sql.append(" end").toString();
	}

	/** The query's parameters as JDBC takes them (instants as UTC offset date-times). */
	static Object[] parameters(OrderSearch.Sql sql) {
		return sql.parameters()
			.stream()
			.map((value) -> (value instanceof Instant instant) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
					: value)
			.toArray();
	}

	/** How many of the merchant's orders have a column value starting with the prefix. */
	static long matching(JdbcTemplate jdbc, long merchantId, String column, String prefix) {
		Map<String, Object> row = jdbc.queryForMap(
				"select count(*) as n from purchase_order where merchant_id = ? and " + column + " like ?", merchantId,
				prefix + "%");
		return ((Number) row.values().iterator().next()).longValue();
	}

}
