package org.merchantportal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL statements that the application runs, with the parameters it binds, so
 * that a test can ask the database how it ran exactly those (EXPLAIN ANALYZE). Import
 * {@link Config} into a test's context: it wraps the context's DataSource.
 */
public final class StatementRecorder {

	private final List<Recorded> statements = new CopyOnWriteArrayList<>();

	private final AtomicInteger commits = new AtomicInteger();

	private volatile boolean recording;

	/** Forgets what was recorded so far and records from now on. */
	public void start() {
		this.statements.clear();
		this.commits.set(0);
		this.recording = true;
	}

	/** Stops recording and returns the statements run since {@link #start()}. */
	public List<Recorded> stop() {
		this.recording = false;
		return List.copyOf(this.statements);
	}

	/** How many times a connection committed since {@link #start()}. */
	public int commits() {
		return this.commits.get();
	}

	DataSource wrap(DataSource target) {
		return new DelegatingDataSource(target) {

			@Override
			public Connection getConnection() throws SQLException {
				return connection(super.getConnection());
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return connection(super.getConnection(username, password));
			}

		};
	}

	private Connection connection(Connection target) {
		return proxy(Connection.class, target, (method, args, result) -> {
			if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
				return statement((PreparedStatement) result, sql);
			}
			if (method.getName().equals("commit") && this.recording) {
				this.commits.incrementAndGet();
			}
			return result;
		});
	}

	private PreparedStatement statement(PreparedStatement target, String sql) {
		Map<Integer, Binding> bindings = new TreeMap<>();
		return proxy(PreparedStatement.class, target, (method, args, result) -> {
			String name = method.getName();
			if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
				bindings.put(index, new Binding(method, args.clone()));
			}
			else if (name.equals("clearParameters")) {
				bindings.clear();
			}
			else if (name.startsWith("execute") && (args == null || args.length == 0) && this.recording) {
				this.statements.add(new Recorded(sql, List.copyOf(bindings.values())));
			}
			return result;
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, After after) {
		return (T) Proxy.newProxyInstance(StatementRecorder.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					try {
						return after.apply(method, args, method.invoke(target, args));
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private interface After {

		Object apply(Method method, Object[] args, Object result) throws SQLException;

	}

	private record Binding(Method setter, Object[] args) {

		void applyTo(PreparedStatement statement) throws SQLException {
			try {
				this.setter.invoke(statement, this.args);
			}
			catch (ReflectiveOperationException ex) {
				throw new SQLException("Could not bind " + this.setter.getName(), ex);
			}
		}

	}

	/** One statement as the application ran it: its SQL and what it bound. */
	public record Recorded(String sql, List<Binding> bindings) {

		/**
		 * Runs the statement again behind the prefix (e.g. {@code "EXPLAIN ANALYZE "}),
		 * with the same parameters, and returns the first column of every row of the
		 * answer.
		 */
		public String explain(DataSource dataSource, String prefix) {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement(prefix + this.sql)) {
				for (Binding binding : this.bindings) {
					binding.applyTo(statement);
				}
				List<String> rows = new ArrayList<>();
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						rows.add(result.getString(1));
					}
				}
				return String.join("\n", rows);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not explain " + this.sql, ex);
			}
		}

	}

	/** Records the statements of the context's DataSource. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		static StatementRecorder statementRecorder() {
			return new StatementRecorder();
		}

		@Bean
		static BeanPostProcessor recordingDataSource(ObjectProvider<StatementRecorder> recorder) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource))
							? recorder.getObject().wrap(dataSource) : bean;
				}

			};
		}

	}

}
