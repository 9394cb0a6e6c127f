package org.merchantportal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One node of the portal as it runs in production: the whole application on the
 * {@code postgres} profile, on a random port, against a {@link TestDatabase}. Several
 * nodes on one database share everything (orders, sessions), as behind a load balancer.
 * The command line overrides the in-memory H2 of
 * {@code src/test/resources/config/application.properties}. Each node can record the SQL
 * it runs ({@link #statements()}).
 */
final class PortalNode implements Portal, AutoCloseable {

	private final String name;

	private final ConfigurableApplicationContext context;

	private final int port;

	private PortalNode(String name, ConfigurableApplicationContext context) {
		this.name = name;
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Starts a node.
	 * @param name the node's name in failure messages
	 * @param database the database it uses
	 * @param demoData whether it seeds the demo merchants, users and orders (only the
	 * first node of a database should)
	 * @param arguments further command-line arguments
	 */
	static PortalNode start(String name, TestDatabase database, boolean demoData, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), "--portal.demo-data=" + demoData,
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(arguments));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MerchantPortalApplication.class,
				StatementRecorder.Config.class)
			.profiles("postgres")
			.registerShutdownHook(false)
			.run(args.toArray(String[]::new));
		return new PortalNode(name, context);
	}

	String name() {
		return this.name;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** What records the node's SQL statements, once started. */
	StatementRecorder statements() {
		return this.context.getBean(StatementRecorder.class);
	}

	/** The node's address for a path such as {@code /orders}. */
	@Override
	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return "node " + this.name + " (port " + this.port + ")";
	}

}
