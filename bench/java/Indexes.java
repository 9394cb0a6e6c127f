import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secondary indexes and unique constraints of a table, as the migrations made them:
 * dropped before a bulk insert and built again after it, from their own definitions
 * read out of the database's catalog. A million rows inserted into nine B-trees at
 * random places is what makes seeding slow (and, on H2, bloats the file); building an
 * index over rows already there is a sort.
 */
final class Indexes {

	/** How to drop one index or constraint and how to make it again. */
	record Definition(String name, String drop, String create) {
	}

	private final Connection db;

	private final SqlDialect sql;

	private final String table;

	private final List<Definition> definitions;

	private Indexes(Connection db, SqlDialect sql, String table, List<Definition> definitions) {
		this.db = db;
		this.sql = sql;
		this.table = table;
		this.definitions = definitions;
	}

	static Indexes of(Connection db, SqlDialect sql, String table) throws SQLException {
		return new Indexes(db, sql, table, read(db, sql, table));
	}

	void drop() throws SQLException {
		for (Definition definition : this.definitions) {
			execute(definition.drop());
		}
	}

	/** Builds them again, and checks that the catalog describes them as before. */
	void create() throws SQLException {
		for (Definition definition : this.definitions) {
			execute(definition.create());
		}
		List<Definition> now = read(this.db, this.sql, this.table);
		if (!now.equals(this.definitions)) {
			throw new SQLException("The indexes of " + this.table + " differ after the rebuild: " + now + " instead of "
					+ this.definitions);
		}
	}

	int size() {
		return this.definitions.size();
	}

	private static List<Definition> read(Connection db, SqlDialect sql, String table) throws SQLException {
		return (sql == SqlDialect.H2) ? readH2(db, table.toUpperCase()) : readPostgres(db, table);
	}

	/** Indexes that back no constraint (pg_indexes gives their CREATE INDEX), then UNIQUE. */
	private static List<Definition> readPostgres(Connection db, String table) throws SQLException {
		List<Definition> found = new ArrayList<>();
		for (String[] row : query(db, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
				+ " AND tablename = '" + table + "' AND indexname NOT IN (SELECT conname FROM pg_constraint"
				+ " WHERE conrelid = '" + table + "'::regclass) ORDER BY indexname")) {
			found.add(new Definition(row[0], "DROP INDEX " + row[0], row[1]));
		}
		for (String[] row : query(db, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
				+ " WHERE conrelid = '" + table + "'::regclass AND contype = 'u' ORDER BY conname")) {
			found.add(new Definition(row[0], "ALTER TABLE " + table + " DROP CONSTRAINT " + row[0],
					"ALTER TABLE " + table + " ADD CONSTRAINT " + row[0] + " " + row[1]));
		}
		return found;
	}

	/** The indexes the schema declares (not generated for a constraint), then UNIQUE. */
	private static List<Definition> readH2(Connection db, String table) throws SQLException {
		Map<String, List<String>> columns = new LinkedHashMap<>();
		for (String[] row : query(db, "SELECT c.INDEX_NAME, c.COLUMN_NAME, c.ORDERING_SPECIFICATION, c.NULL_ORDERING"
				+ " FROM INFORMATION_SCHEMA.INDEX_COLUMNS c JOIN INFORMATION_SCHEMA.INDEXES i"
				+ " ON i.INDEX_SCHEMA = c.INDEX_SCHEMA AND i.INDEX_NAME = c.INDEX_NAME"
				+ " WHERE i.TABLE_SCHEMA = SCHEMA() AND i.TABLE_NAME = '" + table + "'"
				+ " AND i.INDEX_TYPE_NAME = 'INDEX' AND NOT i.IS_GENERATED"
				+ " ORDER BY c.INDEX_NAME, c.ORDINAL_POSITION")) {
			columns.computeIfAbsent(row[0], (name) -> new ArrayList<>())
				.add("\"" + row[1] + "\" " + row[2] + " NULLS " + row[3]);
		}
		List<Definition> found = new ArrayList<>();
		columns.forEach((name, list) -> found.add(new Definition(name, "DROP INDEX \"" + name + "\"",
				"CREATE INDEX \"" + name + "\" ON \"" + table + "\" (" + String.join(", ", list) + ")")));
		Map<String, List<String>> unique = new LinkedHashMap<>();
		for (String[] row : query(db, "SELECT t.CONSTRAINT_NAME, k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t"
				+ " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
				+ " AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME WHERE t.TABLE_SCHEMA = SCHEMA()"
				+ " AND t.TABLE_NAME = '" + table + "' AND t.CONSTRAINT_TYPE = 'UNIQUE'"
				+ " ORDER BY t.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
			unique.computeIfAbsent(row[0], (name) -> new ArrayList<>()).add("\"" + row[1] + "\"");
		}
		unique.forEach((name, list) -> found.add(new Definition(name,
				"ALTER TABLE \"" + table + "\" DROP CONSTRAINT \"" + name + "\"",
				"ALTER TABLE \"" + table + "\" ADD CONSTRAINT \"" + name + "\" UNIQUE (" + String.join(", ", list) + ")")));
		return found;
	}

	private static List<String[]> query(Connection db, String query) throws SQLException {
		List<String[]> rows = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(query)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				String[] row = new String[columns];
				for (int i = 0; i < columns; i++) {
					row[i] = result.getString(i + 1);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private void execute(String statement) throws SQLException {
		try (Statement s = this.db.createStatement()) {
			s.execute(statement);
		}
	}

}
