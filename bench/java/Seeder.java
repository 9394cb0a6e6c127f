import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bulk-inserts N orders of the demo merchant Nordic Shoes AB with straight SQL (one
 * {@code INSERT … SELECT} over a range of numbers per table and chunk, never through the
 * aggregate), then samples the request parameters of each benchmark case from what it
 * inserted. Runs while the portal is stopped, on a database the portal has created
 * (Flyway schema, demo merchants and logins).
 *
 * <p>
 * Every attribute of the order with sequence number x (1..N) comes from a fixed
 * pseudo-random function of x, so that the statements for lines and events derive the
 * same lines the order's amount was summed from. The orders get explicit ids (the
 * highest existing id + x); the identity restarts after them.
 */
final class Seeder {

	static final String MERCHANT = "Nordic Shoes AB";

	static final String STAFF = "orders@nordic-shoes.example";

	/** Orders inserted per statement: bounds each transaction. */
	private static final int CHUNK = 100_000;

	private static final int TAX_RATE = 2500;

	/** A wholesale order's first line: enough refundable for thousands of 1.00 refunds. */
	private static final int WHOLESALE_QUANTITY = 20;

	record Product(String sku, String name, long unitPrice) {
	}

	static final List<Product> PRODUCTS = List.of(new Product("NS-TR-42", "Trail Runner GTX", 149900),
			new Product("NS-CB-40", "Classic Leather Boot", 219500), new Product("NS-SN-38", "Canvas Sneaker", 79900),
			new Product("NS-WB-41", "Winter Boot Lined", 189000), new Product("NS-LF-39", "Suede Loafer", 129500),
			new Product("NS-SD-37", "Summer Sandal", 54900), new Product("NS-SK-01", "Merino Socks 3-pack", 24900),
			new Product("NS-CR-01", "Shoe Care Kit", 19950));

	static final List<String> FIRST_NAMES = List.of("Anna", "Erik", "Maja", "Lars", "Ingrid", "Oskar", "Elsa", "Nils",
			"Astrid", "Johan", "Sofia", "Karl", "Linnea", "Gustav", "Freja", "Björn", "Åsa", "Mikael", "Ebba", "Henrik",
			"Saga", "Olof", "Tove", "Magnus", "Wilma", "Anders", "Ida", "Per", "Klara", "Emil", "Sara", "Jonas", "Märta",
			"Viktor", "Hanna", "Fredrik", "Agnes", "Mattias", "Lova", "Sven");

	static final List<String> SURNAMES = List.of("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson",
			"Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Sjöberg", "Pettersson",
			"Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström",
			"Olofsson", "Lindgren", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Berglund", "Fredriksson",
			"Sandberg", "Henriksson", "Forsberg", "Sjögren", "Wallin", "Engström", "Danielsson", "Håkansson");

	static final List<String> EMAIL_DOMAINS = List.of("example.se", "mail.example", "example.com", "example.org");

	static final List<String> CHANNELS = List.of("NS-", "WEB-", "APP-");

	/**
	 * What an order becomes. Its status, and the shares of the orders (in twentieths):
	 * 40% captured, 15% authorized, 15% closed, 10% each part captured, cancelled,
	 * expired.
	 */
	enum Kind {

		WHOLESALE("CAPTURED", 4), AUTHORIZED("AUTHORIZED", 3), PART_CAPTURED("PART_CAPTURED", 2),
		CAPTURED("CAPTURED", 2), PART_REFUNDED("CAPTURED", 1), REFUNDED("CAPTURED", 1), CANCELLED("CANCELLED", 2),
		EXPIRED("EXPIRED", 2), CLOSED("CLOSED", 3);

		final String status;

		final int twentieths;

		Kind(String status, int twentieths) {
			this.status = status;
			this.twentieths = twentieths;
		}

	}

	record Result(long orders, long lines, long events, double seconds) {
	}

	private final Connection db;

	private final SqlDialect sql;

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final String nowLiteral = SqlDialect.timestamp(this.now);

	Seeder(Connection db, SqlDialect sql) {
		this.db = db;
		this.sql = sql;
	}

	Result seed(long n) throws SQLException {
		long started = System.nanoTime();
		this.db.setAutoCommit(true);
		execute("SET TIME ZONE 'UTC'"); // CAST(created_at AS DATE) is the UTC day
		if (this.sql == SqlDialect.POSTGRES) {
			execute("SET synchronous_commit TO off");
		}
		long merchant = queryLong("SELECT id FROM merchant WHERE name = '" + MERCHANT + "'");
		String currency = queryString("SELECT currency FROM merchant WHERE id = " + merchant);
		long base = queryLong("SELECT COALESCE(MAX(id), 0) FROM purchase_order");
		long linesBefore = queryLong("SELECT COUNT(*) FROM order_line");
		long eventsBefore = queryLong("SELECT COUNT(*) FROM order_event");
		// Lines and events go in order of their order's id, so their indexes grow at the
		// end; the orders' own secondary indexes are built after the insert.
		Indexes indexes = Indexes.of(this.db, this.sql, "purchase_order");
		Indexes keyIndexes = Indexes.of(this.db, this.sql, "order_search_key");
		indexes.drop();
		keyIndexes.drop();
		for (long from = 1; from <= n; from += CHUNK) {
			long to = Math.min(n, from + CHUNK - 1);
			for (String orders : insertOrders(merchant, currency, base, from, to)) {
				execute(orders);
			}
			String ids = "o.id BETWEEN " + (base + from) + " AND " + (base + to);
			execute(insertLines(base, ids));
			for (String events : insertEvents(ids)) {
				execute(events);
			}
			for (String keys : insertSearchKeys("id BETWEEN " + (base + from) + " AND " + (base + to))) {
				execute(keys);
			}
			log("  %,d of %,d orders with their lines, events and search keys (%.0f s)%n", to, n, since(started));
		}
		execute("ALTER TABLE purchase_order ALTER COLUMN id RESTART WITH " + (base + n + 1));
		indexes.create();
		keyIndexes.create();
		log("  %d indexes of purchase_order and order_search_key built (%.0f s)%n",
				indexes.size() + keyIndexes.size(), since(started));
		if (this.sql == SqlDialect.POSTGRES) {
			// Fresh statistics for the planner, and the visibility map that autovacuum
			// would otherwise build in the middle of a measurement.
			execute("VACUUM ANALYZE purchase_order");
			execute("VACUUM ANALYZE order_balance");
			execute("VACUUM ANALYZE order_line");
			execute("VACUUM ANALYZE order_event");
			execute("VACUUM ANALYZE order_search_key");
			log("  VACUUM ANALYZE (%.0f s)%n", since(started));
		}
		long lines = queryLong("SELECT COUNT(*) FROM order_line") - linesBefore;
		long events = queryLong("SELECT COUNT(*) FROM order_event") - eventsBefore;
		return new Result(n, lines, events, since(started));
	}

	/** The searchable values, in the order of the portal's V8__search_keys.sql. */
	private static final List<String> SEARCHED = List.of("search_reference", "public_id", "search_email",
			"search_name", "search_surname");

	/**
	 * The search keys of the orders the condition selects, as the portal's Order aggregate
	 * writes them: each distinct 3, 4 and 5 character prefix of an order's searchable
	 * values once.
	 */
	private static List<String> insertSearchKeys(String orders) {
		List<String> statements = new ArrayList<>();
		for (int length = 3; length <= 5; length++) {
			for (int i = 0; i < SEARCHED.size(); i++) {
				String value = SEARCHED.get(i);
				StringBuilder sql = new StringBuilder("INSERT INTO order_search_key (order_id, search_key, merchant_id,"
						+ " created_at, public_id) SELECT id, LEFT(" + value + ", " + length + "), merchant_id,"
						+ " created_at, public_id FROM purchase_order WHERE " + orders + " AND LENGTH(" + value + ") >= "
						+ length);
				for (String earlier : SEARCHED.subList(0, i)) {
					sql.append(" AND LEFT(" + earlier + ", " + length + ") <> LEFT(" + value + ", " + length + ")");
				}
				statements.add(sql.toString());
			}
		}
		return statements;
	}

	private static double since(long started) {
		return (System.nanoTime() - started) / 1e9;
	}

	// --- The statements ----------------------------------------------------------------

	/** The orders, and their balances (the same amounts, drawn alike). */
	private List<String> insertOrders(long merchant, String currency, long base, long from, long to) {
		String x = "r.x";
		// Level 1: what the order is, from its sequence number alone.
		String drawn = "SELECT " + x + " AS x, " + kind(x) + " AS kind, " + orderAmount(x) + " AS amount, "
				+ customerName(x) + " AS name, " + pick(x, 5, SURNAMES) + " AS surname, " + email(x) + " AS email, "
				+ reference(x) + " AS ref FROM " + this.sql.range(from, to, "r");
		// Level 2: the amounts and dates its kind implies.
		String shaped = "SELECT d.*, " + statusOf("d.kind") + " AS status, "
				+ this.sql.minusSeconds(this.nowLiteral, ageInSeconds("d.x", "d.kind")) + " AS created_at, "
				+ "CASE WHEN d.kind IN ('AUTHORIZED', 'CANCELLED', 'EXPIRED') THEN 0"
				+ " WHEN d.kind IN ('PART_CAPTURED', 'CLOSED') THEN d.amount / 2 ELSE d.amount END AS captured, "
				+ "CASE d.kind WHEN 'PART_REFUNDED' THEN d.amount / 4 WHEN 'REFUNDED' THEN d.amount ELSE 0 END AS refunded, "
				+ "CASE WHEN d.kind IN ('CANCELLED', 'EXPIRED') THEN d.amount"
				+ " WHEN d.kind = 'CLOSED' THEN d.amount - d.amount / 2 ELSE 0 END AS released FROM (" + drawn + ") d";
		String orders = """
				INSERT INTO purchase_order (id, public_id, merchant_id, merchant_reference, customer_name,
				    customer_email, search_reference, search_name, search_email, search_surname, currency, status,
				    created_at, authorization_expires_on)
				SELECT %d + s.x, %s, %d, s.ref, s.name, s.email, LOWER(s.ref), LOWER(s.name), LOWER(s.email),
				    LOWER(s.surname), '%s', s.status, s.created_at, %s
				FROM (%s) s"""
			.formatted(base, this.sql.randomUuid(), merchant, currency,
					this.sql.plusDays("CAST(s.created_at AS DATE)", "28"), shaped);
		String balances = """
				INSERT INTO order_balance (order_id, order_amount, captured_amount, refunded_amount, released_amount)
				SELECT %d + s.x, s.amount, s.captured, s.refunded, s.released
				FROM (%s) s"""
			.formatted(base, shaped);
		return List.of(orders, balances);
	}

	private String insertLines(long base, String ids) {
		String x = "(o.id - " + base + ")";
		String line = "l.x";
		String product = product(x, line);
		String quantity = quantity(x, line);
		return """
				INSERT INTO order_line (order_id, line_number, reference, name, quantity, unit_price, tax_rate,
				    captured_quantity, refunded_quantity)
				SELECT t.id, t.line, %s, %s, t.quantity, %s, %d,
				    CASE WHEN t.status = 'CAPTURED' THEN t.quantity ELSE 0 END, 0
				FROM (SELECT o.id, o.status, l.x AS line, %s AS product, %s AS quantity
				      FROM purchase_order o JOIN %s ON l.x <= %s WHERE %s) t"""
			.formatted(caseOf("t.product", PRODUCTS, (p) -> quote(p.sku())),
					caseOf("t.product", PRODUCTS, (p) -> quote(p.name())),
					caseOf("t.product", PRODUCTS, (p) -> Long.toString(p.unitPrice())), TAX_RATE, product, quantity,
					this.sql.range(1, 3, "l"), lineCount(x), ids);
	}

	/** The timeline each status implies: CREATED, then captures, refunds, cancels. */
	private List<String> insertEvents(String ids) {
		String columns = "INSERT INTO order_event (order_id, type, amount, reason, note, actor, occurred_at, client_address) ";
		String staff = "'" + STAFF + "', ";
		String address = ", '192.0.2.10'";
		String orders = " FROM purchase_order o JOIN order_balance b ON b.order_id = o.id WHERE " + ids;
		return List.of(
				columns + "SELECT o.id, 'CREATED', b.order_amount, NULL, NULL, 'system', o.created_at, NULL"
						+ orders,
				columns + "SELECT o.id, 'CAPTURED', b.captured_amount, NULL, NULL, " + staff + actedAt("20 * 3600", 60)
						+ address + orders + " AND b.captured_amount > 0",
				columns + "SELECT o.id, 'REFUNDED', b.refunded_amount,"
						+ " CASE WHEN b.refunded_amount = b.captured_amount THEN 'CANCELLED_BY_CUSTOMER' ELSE 'RETURNED' END,"
						+ " CASE WHEN b.refunded_amount = b.captured_amount THEN 'Customer changed their mind' END, "
						+ staff + actedAt("4 * 86400", 30) + address + orders
						+ " AND b.refunded_amount > 0",
				columns + "SELECT o.id, 'CANCELLED', b.released_amount, NULL, NULL, " + staff + actedAt("3 * 3600", 60)
						+ address + orders + " AND o.status = 'CANCELLED'",
				columns + "SELECT o.id, 'AUTHORIZATION_RELEASED', b.released_amount, NULL, NULL, " + staff
						+ actedAt("2 * 86400", 30) + address + orders
						+ " AND o.status = 'CLOSED'",
				// The expiry job, the day after the 28 days ran out.
				columns + "SELECT o.id, 'EXPIRED', b.released_amount, NULL, NULL, 'system', "
						+ this.sql.plusSeconds("o.created_at", "29 * 86400") + ", NULL"
						+ orders + " AND o.status = 'EXPIRED'");
	}

	/** A delay after the order was placed, but never later than shortly before now. */
	private String actedAt(String delaySeconds, int secondsBeforeNow) {
		return "LEAST(" + this.sql.plusSeconds("o.created_at", delaySeconds) + ", "
				+ this.sql.minusSeconds(this.nowLiteral, Integer.toString(secondsBeforeNow)) + ")";
	}

	// --- Attributes of order x ------------------------------------------------------------

	/**
	 * A pseudo-random number in [0, bound) from the order's sequence number: the same in
	 * every statement. Each salt picks its own affine map modulo the prime 2^31 - 1,
	 * squared modulo that prime so that neighbouring orders do not follow a pattern.
	 */
	private static String random(String x, int salt, long bound) {
		long[] multipliers = { 1226874159, 62089911, 1103515245, 630360016, 950706376, 742938285, 1583458089,
				784588716, 397204094, 1343714438, 2027812167, 1117839567 };
		String affine = "CAST(MOD(CAST(" + x + " AS BIGINT) * " + multipliers[salt] + " + " + (7919L * salt + 104729)
				+ ", 2147483647) AS BIGINT)";
		return "MOD(MOD(" + affine + " * " + affine + ", 2147483647), " + bound + ")";
	}

	private static String kind(String x) {
		StringJoiner cases = new StringJoiner(" ", "CASE ", " END");
		int slice = 0;
		for (Kind kind : Kind.values()) {
			slice += kind.twentieths;
			cases.add("WHEN " + random(x, 0, 20) + " < " + slice + " THEN '" + kind.name() + "'");
		}
		return cases.toString();
	}

	private static String statusOf(String kind) {
		StringJoiner cases = new StringJoiner(" ", "CASE " + kind + " ", " END");
		for (Kind k : Kind.values()) {
			cases.add("WHEN '" + k.name() + "' THEN '" + k.status + "'");
		}
		return cases.toString();
	}

	/**
	 * Open authorizations are at most 20 days old (none expires during a run); expired
	 * ones older than their 28 days; the rest spread over two years.
	 */
	private static String ageInSeconds(String x, String kind) {
		return "CASE WHEN " + kind + " IN ('AUTHORIZED', 'PART_CAPTURED') THEN 600 + " + random(x, 1, 20 * 86400)
				+ " WHEN " + kind + " = 'EXPIRED' THEN 30 * 86400 + " + random(x, 1, 700 * 86400) + " ELSE 600 + "
				+ random(x, 1, 730 * 86400) + " END";
	}

	private static String lineCount(String x) {
		return "(1 + " + random(x, 2, 3) + ")";
	}

	/** Distinct products on one order: line l takes the (first + 3(l-1))th. */
	private static String product(String x, String line) {
		return "MOD(" + random(x, 3, PRODUCTS.size()) + " + 3 * (" + line + " - 1), " + PRODUCTS.size() + ")";
	}

	private static String quantity(String x, String line) {
		return "CASE WHEN " + random(x, 0, 20) + " < " + Kind.WHOLESALE.twentieths + " AND " + line + " = 1 THEN "
				+ WHOLESALE_QUANTITY + " WHEN MOD(" + random(x, 4, 5) + " + " + line
				+ ", 5) = 0 THEN 2 ELSE 1 END";
	}

	/** The sum of the order's lines, as {@link #insertLines} will insert them. */
	private static String orderAmount(String x) {
		StringJoiner sum = new StringJoiner(" + ", "(", ")");
		for (int line = 1; line <= 3; line++) {
			String unitPrice = caseOf(product(x, Integer.toString(line)), PRODUCTS,
					(p) -> Long.toString(p.unitPrice()));
			sum.add("CASE WHEN " + line + " <= " + lineCount(x) + " THEN " + unitPrice + " * "
					+ quantity(x, Integer.toString(line)) + " ELSE 0 END");
		}
		return sum.toString();
	}

	/** One given name (one in ten customers has two) and a surname. */
	private static String customerName(String x) {
		return pick(x, 6, FIRST_NAMES) + " || CASE WHEN " + random(x, 7, 10) + " = 0 THEN ' ' || "
				+ pick(x, 8, FIRST_NAMES) + " ELSE '' END || ' ' || " + pick(x, 5, SURNAMES);
	}

	private static String email(String x) {
		return pick(x, 6, ascii(FIRST_NAMES)) + " || '.' || " + pick(x, 5, ascii(SURNAMES)) + " || CAST(10 + "
				+ random(x, 9, 90) + " AS VARCHAR(2)) || '@' || " + pick(x, 11, EMAIL_DOMAINS);
	}

	/** B2B-… for wholesale orders, else the shop's channel; unique by the number. */
	private static String reference(String x) {
		return "CASE WHEN " + random(x, 0, 20) + " < " + Kind.WHOLESALE.twentieths + " THEN 'B2B-' ELSE "
				+ pick(x, 10, CHANNELS) + " END || CAST(100000 + " + x + " AS VARCHAR(20))";
	}

	private static String pick(String x, int salt, List<String> values) {
		return caseOf(random(x, salt, values.size()), values, Seeder::quote);
	}

	private static <T> String caseOf(String index, List<T> values, java.util.function.Function<T, String> literal) {
		StringJoiner cases = new StringJoiner(" ", "CASE " + index + " ", " END");
		for (int i = 0; i < values.size(); i++) {
			cases.add("WHEN " + i + " THEN " + literal.apply(values.get(i)));
		}
		return cases.toString();
	}

	private static List<String> ascii(List<String> names) {
		return names.stream()
			.map((name) -> name.toLowerCase(Locale.ROOT)
				.replace("å", "a")
				.replace("ä", "a")
				.replace("ö", "o")
				.replace("ø", "o"))
			.toList();
	}

	private static String quote(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	// --- Request parameters for the benchmark's cases --------------------------------------

	/**
	 * Writes one file of request paths (or order ids) per case into {@code dir}, sampled
	 * from the merchant's orders: every case varies its parameters per request.
	 */
	void writeRequests(Path dir) throws SQLException, IOException {
		Files.createDirectories(dir);
		Random random = new Random(2026);
		long merchant = queryLong("SELECT id FROM merchant WHERE name = '" + MERCHANT + "'");
		List<Sampled> sample = sampleOrders(merchant, random, 2000);

		// The first page and the status filter have nothing to vary that leaves their query
		// as it is: even an end date far in the future lets H2 take another plan. Their
		// requests repeat, and bench/run turns H2's reuse of results off.
		write(dir, "first.paths", List.of("/orders"), random);
		write(dir, "status.paths",
				Arrays.stream(Kind.values()).map((kind) -> "/orders?status=" + kind.status).distinct().toList(),
				random);

		List<String> search = new ArrayList<>();
		for (Sampled order : sample) {
			for (String value : List.of(order.reference, order.publicId, order.email, order.name, order.surname)) {
				String prefix = value.substring(0, Math.min(value.length(), 3 + random.nextInt(3)));
				search.add("/orders?q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
			}
		}
		write(dir, "search.paths", search, random);
		write(dir, "deep.paths", deepestPages(merchant), random);
		write(dir, "details.paths", sample.stream().map((o) -> "/orders/" + o.publicId).toList(), random);
		write(dir, "dialog.paths", sample.stream()
			.filter((o) -> o.refundable > 0)
			.map((o) -> "/orders/" + o.publicId + "/refunds/new")
			.toList(), random);
		write(dir, "refund.ids", wholesaleOrders(merchant), random);

		// The soak: all the reading cases in turn.
		List<String> soak = new ArrayList<>();
		for (String name : List.of("first", "status", "search", "deep", "details", "dialog")) {
			soak.addAll(Files.readAllLines(dir.resolve(name + ".paths")));
		}
		write(dir, "soak.paths", soak, random);
	}

	private record Sampled(String publicId, String reference, String email, String name, String surname,
			long refundable) {
	}

	/** Random orders among the seeded ones (by id, so without a sort of the table). */
	private List<Sampled> sampleOrders(long merchant, Random random, int size) throws SQLException {
		long min = queryLong("SELECT MIN(id) FROM purchase_order WHERE merchant_id = " + merchant);
		long max = queryLong("SELECT MAX(id) FROM purchase_order WHERE merchant_id = " + merchant);
		List<Sampled> found = new ArrayList<>();
		for (int attempt = 0; attempt < 20 && found.size() < size; attempt++) {
			String ids = random.longs(500, min, max + 1).mapToObj(Long::toString).collect(Collectors.joining(", "));
			try (Statement statement = this.db.createStatement();
					ResultSet rows = statement.executeQuery("SELECT public_id, merchant_reference, customer_email,"
							+ " customer_name, b.captured_amount - b.refunded_amount FROM purchase_order o"
							+ " JOIN order_balance b ON b.order_id = o.id"
							+ " WHERE merchant_id = " + merchant + " AND id IN (" + ids + ")")) {
				while (rows.next() && found.size() < size) {
					String name = rows.getString(4);
					found.add(new Sampled(rows.getString(1), rows.getString(2), rows.getString(3), name,
							name.substring(name.lastIndexOf(' ') + 1), rows.getLong(5)));
				}
			}
		}
		return found;
	}

	/**
	 * Cursors of the last few pages: each points at one of the 51st to 300th oldest
	 * orders, so that the page after it holds the oldest 50 or a little newer ones.
	 */
	private List<String> deepestPages(long merchant) throws SQLException {
		List<String> cursors = new ArrayList<>();
		try (PreparedStatement statement = this.db.prepareStatement("SELECT created_at, public_id FROM purchase_order"
				+ " WHERE merchant_id = ? ORDER BY created_at, public_id LIMIT 300")) {
			statement.setLong(1, merchant);
			try (ResultSet rows = statement.executeQuery()) {
				for (int row = 1; rows.next(); row++) {
					if (row > 50) {
						Instant createdAt = rows.getObject(1, OffsetDateTime.class).toInstant();
						cursors.add("/orders?after=" + cursor(createdAt, UUID.fromString(rows.getString(2))));
					}
				}
			}
		}
		return cursors;
	}

	/** As OrderFilter.Cursor.encode: (epoch second, nanos, uuid msb, uuid lsb), base64url. */
	static String cursor(Instant createdAt, UUID orderId) {
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(Long.BYTES + Integer.BYTES + 2 * Long.BYTES);
		buffer.putLong(createdAt.getEpochSecond()).putInt(createdAt.getNano());
		buffer.putLong(orderId.getMostSignificantBits()).putLong(orderId.getLeastSignificantBits());
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/** The refund round trip's orders: captured, with a lot left to refund. */
	private List<String> wholesaleOrders(long merchant) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Statement statement = this.db.createStatement();
				ResultSet rows = statement.executeQuery("SELECT public_id FROM purchase_order o"
						+ " JOIN order_balance b ON b.order_id = o.id WHERE merchant_id = " + merchant
						+ " AND search_reference LIKE 'b2b-%' AND b.refunded_amount = 0"
						+ " AND status = 'CAPTURED'")) {
			while (rows.next() && ids.size() < 5000) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private static void write(Path dir, String name, List<String> lines, Random random) throws IOException {
		if (lines.isEmpty()) {
			throw new IllegalStateException("Nothing to request for " + name);
		}
		List<String> shuffled = new ArrayList<>(lines);
		Collections.shuffle(shuffled, random);
		Files.write(dir.resolve(name), shuffled);
	}

	// --- JDBC ----------------------------------------------------------------------

	private void execute(String statement) throws SQLException {
		try (Statement s = this.db.createStatement()) {
			s.execute(statement);
		}
		catch (SQLException ex) {
			String shown = (statement.length() > 400) ? statement.substring(0, 400) + " …" : statement;
			throw new SQLException(ex.getMessage().lines().findFirst().orElse("") + "\nin: " + shown, ex.getSQLState(), ex);
		}
	}

	private long queryLong(String query) throws SQLException {
		try (Statement s = this.db.createStatement(); ResultSet rows = s.executeQuery(query)) {
			if (!rows.next()) {
				throw new SQLException("No row: " + query);
			}
			return rows.getLong(1);
		}
	}

	private String queryString(String query) throws SQLException {
		try (Statement s = this.db.createStatement(); ResultSet rows = s.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static void log(String format, Object... args) {
		System.err.printf(format, args);
	}

}
