package org.merchantportal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database with a random name for one test class, on the server that
 * {@code bash .ci/run} starts (localhost:5432, role {@code portal}/{@code portal}, which
 * may create databases; override with TEST_POSTGRES_HOST, TEST_POSTGRES_PORT,
 * TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD). The role owns the database, so it can
 * also refuse connections to it and terminate its backends, to simulate an outage.
 * {@link #close()} drops it. Without a server every method fails with an
 * {@link AssertionError} that says what is missing: a test using it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {

	private final String host;

	private final String port;

	private final String user;

	private final String password;

	private final String name;

	private TestDatabase(String host, String port, String user, String password, String name) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.name = name;
	}

	/** Creates an empty database with a random name. */
	public static TestDatabase create() {
		String name = "portal_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		TestDatabase database = new TestDatabase(env("TEST_POSTGRES_HOST", "localhost"),
				env("TEST_POSTGRES_PORT", "5432"), env("TEST_POSTGRES_USER", "portal"),
				env("TEST_POSTGRES_PASSWORD", "portal"), name);
		database.executeOnServer("create database " + name);
		return database;
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

	String name() {
		return this.name;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	public String jdbcUrl() {
		return jdbcUrl(this.name);
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/** Runs one statement in the maintenance database {@code postgres}. */
	void executeOnServer(String sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), this.user, this.password)) {
			connection.createStatement().execute(sql);
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl("postgres"), sql, ex);
		}
	}

	/**
	 * Rows of a query in this database, each a map from lower-case column label to value.
	 */
	List<Map<String, Object>> query(String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), this.user, this.password);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				ResultSetMetaData meta = result.getMetaData();
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int column = 1; column <= meta.getColumnCount(); column++) {
						row.put(meta.getColumnLabel(column).toLowerCase(), result.getObject(column));
					}
					rows.add(row);
				}
			}
			return rows;
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl(), sql, ex);
		}
	}

	/** The only row of a query. */
	Map<String, Object> queryRow(String sql, Object... parameters) {
		List<Map<String, Object>> rows = query(sql, parameters);
		if (rows.size() != 1) {
			throw new AssertionError("Expected one row from [" + sql + "] but got " + rows.size() + ": " + rows);
		}
		return rows.get(0);
	}

	/** Runs an update of the test's data, returning how many rows it changed. */
	int update(String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), this.user, this.password);
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl(), sql, ex);
		}
	}

	/** The number a query counts. */
	long count(String sql, Object... parameters) {
		return ((Number) queryRow(sql, parameters).values().iterator().next()).longValue();
	}

	/**
	 * Refuses new connections to this database and terminates every open one, as when the
	 * server is stopped: the application's pool loses all its connections and cannot open
	 * new ones.
	 */
	void refuseConnections() {
		try (Connection server = serverConnection()) {
			refuseConnections(server);
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl("postgres"), "close", ex);
		}
	}

	/**
	 * Refuses new connections and terminates the open ones through a connection to the
	 * server opened beforehand, so that the outage starts within milliseconds.
	 */
	void refuseConnections(Connection server) {
		String refuse = "alter database " + this.name + " allow_connections false";
		String terminate = "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + this.name
				+ "' and pid <> pg_backend_pid() and usename = current_user";
		try (Statement statement = server.createStatement()) {
			statement.execute(refuse);
			statement.execute(terminate);
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl("postgres"), refuse + "; " + terminate, ex);
		}
	}

	/** A connection to the server's maintenance database {@code postgres}. */
	Connection serverConnection() {
		try {
			return DriverManager.getConnection(jdbcUrl("postgres"), this.user, this.password);
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl("postgres"), "connect", ex);
		}
	}

	/** Accepts connections again. */
	void allowConnections() {
		executeOnServer("alter database " + this.name + " allow_connections true");
	}

	/** How many connections are open to this database. */
	long openConnections() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), this.user, this.password);
				PreparedStatement statement = connection.prepareStatement(
						"select count(*) from pg_stat_activity where datname = ? and backend_type = 'client backend'")) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw unreachable(jdbcUrl("postgres"), "count connections", ex);
		}
	}

	/**
	 * Ends the role's own connections only: after a bulk insert the server's autovacuum
	 * worker may be in the database, which only a superuser may end (and which
	 * {@code drop database} cancels by itself).
	 */
	private void terminateBackends() {
		executeOnServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + this.name
				+ "' and pid <> pg_backend_pid() and usename = current_user");
	}

	/** Drops the database, terminating whatever is still connected to it. */
	@Override
	public void close() {
		allowConnections();
		terminateBackends();
		// Not "with (force)": that would also have to terminate an autovacuum worker,
		// which runs as the superuser and so refuses. A plain drop stops autovacuum
		// itself and waits a few seconds for the backends terminated above to exit.
		executeOnServer("drop database if exists " + this.name);
	}

	private AssertionError unreachable(String url, String sql, SQLException ex) {
		return new AssertionError("PostgreSQL at " + url + " (role '" + this.user + "') could not run [" + sql + "]: "
				+ ex.getMessage() + System.lineSeparator()
				+ "This test needs that server running: `bash .ci/run` installs and starts PostgreSQL 15"
				+ " and creates the role; or point TEST_POSTGRES_HOST, TEST_POSTGRES_PORT,"
				+ " TEST_POSTGRES_USER and TEST_POSTGRES_PASSWORD at another server.", ex);
	}

}
