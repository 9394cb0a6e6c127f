import java.io.OutputStream;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Java half of bench/run: everything beyond orchestration. One subcommand per step;
 * bench/run calls them in turn.
 *
 * <pre>
 * drivers &lt;portal jar&gt; &lt;dir&gt;             copy the H2 and PostgreSQL JDBC drivers out of the jar
 * pg-create &lt;database&gt; | pg-drop &lt;database&gt;  a scratch PostgreSQL database (BENCH_PG_* settings)
 * seed &lt;h2|postgres&gt; &lt;jdbc url&gt; &lt;n&gt; &lt;dir&gt;   insert n orders, write each case's requests into dir
 * wait-ready &lt;port&gt; &lt;pid&gt; &lt;seconds&gt;         until /actuator/health/readiness is UP
 * settle &lt;port&gt; &lt;pid&gt; &lt;seconds&gt;             until the portal is idle again after a load
 * login &lt;port&gt; &lt;username&gt; &lt;password&gt;        prints COOKIE, CSRF_HEADER, CSRF_TOKEN for the shell
 * weigh &lt;port&gt; &lt;username&gt; &lt;password&gt;        prints the first Orders page's bytes
 * probe &lt;port&gt; &lt;cookie&gt; &lt;csrf header&gt; &lt;csrf token&gt; &lt;case&gt; &lt;requests file&gt;
 *                                            one request of the case alone: it must succeed
 * check &lt;port&gt; &lt;username&gt; &lt;password&gt;        after the soak: readiness and one more page
 * report &lt;runs&gt; &lt;meta&gt; &lt;enforce&gt;            the markdown table on stdout; exit 2 on missed targets
 * </pre>
 */
public final class Bench {

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			fail("usage: Bench <command> …");
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		try {
			switch (args[0]) {
				case "drivers" -> drivers(Path.of(rest[0]), Path.of(rest[1]));
				case "pg-create" -> postgresAdmin("CREATE DATABASE " + identifier(rest[0]));
				case "pg-drop" -> postgresAdmin("DROP DATABASE IF EXISTS " + identifier(rest[0]) + " WITH (FORCE)");
				case "seed" -> seed(rest[0], rest[1], Long.parseLong(rest[2]), Path.of(rest[3]));
				case "wait-ready" -> new Portal(Integer.parseInt(rest[0])).awaitReady(Long.parseLong(rest[1]),
						Duration.ofSeconds(Long.parseLong(rest[2])));
				case "settle" -> new Portal(Integer.parseInt(rest[0])).settle(Long.parseLong(rest[1]),
						Duration.ofSeconds(Long.parseLong(rest[2])));
				case "login" -> {
					Portal.Session session = new Portal(Integer.parseInt(rest[0])).login(rest[1], rest[2]);
					System.out.println("COOKIE='" + session.cookie() + "'");
					System.out.println("CSRF_HEADER='" + session.csrfHeader() + "'");
					System.out.println("CSRF_TOKEN='" + session.csrfToken() + "'");
				}
				case "weigh" -> {
					Portal portal = new Portal(Integer.parseInt(rest[0]));
					Portal.Session session = portal.login(rest[1], rest[2]);
					try {
						Portal.Weight weight = portal.weigh(session, "/orders");
						System.out.println("bytes=" + weight.bytes() + " gzip_bytes=" + weight.gzipBytes()
								+ " encoding=" + weight.gzipEncoding());
					}
					catch (HttpTimeoutException ex) {
						System.out.println("bytes=0 gzip_bytes=0 encoding=timeout");
					}
				}
				case "probe" -> {
					Portal portal = new Portal(Integer.parseInt(rest[0]));
					Portal.Session session = new Portal.Session(rest[1], rest[2], rest[3]);
					String first = Files.readAllLines(Path.of(rest[5])).get(0);
					try {
						Portal.Probe probe = rest[4].equals("refund") ? portal.refund(session, first)
								: portal.probe(session, first);
						System.out.println("status=" + probe.status() + " ms=" + probe.millis());
					}
					catch (HttpTimeoutException ex) {
						// Slow, not broken: the load will show it.
						System.out.println("status=timeout ms=" + Portal.PATIENCE.toMillis());
					}
				}
				case "check" -> {
					Portal portal = new Portal(Integer.parseInt(rest[0]));
					System.out.println(portal.check(portal.login(rest[1], rest[2])));
				}
				case "report" -> {
					Report report = Report.read(Path.of(rest[0]), Path.of(rest[1]), Boolean.parseBoolean(rest[2]));
					System.out.print(report.render());
					System.exit(report.exitCode());
				}
				default -> fail("unknown command " + args[0]);
			}
		}
		catch (IllegalStateException ex) {
			fail(ex.getMessage());
		}
	}

	/** The JDBC drivers the portal itself ships, so that seeding speaks the same versions. */
	private static void drivers(Path jar, Path dir) throws Exception {
		Files.createDirectories(dir);
		int found = 0;
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
			for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
				String name = entry.getName();
				if (name.matches("BOOT-INF/lib/(h2|postgresql)-[0-9.]+\\.jar")) {
					try (OutputStream out = Files.newOutputStream(dir.resolve(name.substring(name.lastIndexOf('/') + 1)))) {
						zip.transferTo(out);
					}
					found++;
				}
			}
		}
		if (found != 2) {
			fail("Expected the H2 and PostgreSQL drivers in " + jar + ", found " + found);
		}
	}

	private static void seed(String db, String url, long n, Path requests) throws Exception {
		SqlDialect dialect = db.equals("h2") ? SqlDialect.H2 : SqlDialect.POSTGRES;
		String user = db.equals("h2") ? "sa" : env("BENCH_PG_USER", "portal");
		String password = db.equals("h2") ? "" : env("BENCH_PG_PASSWORD", "portal");
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			Seeder seeder = new Seeder(connection, dialect);
			Seeder.Result result = seeder.seed(n);
			seeder.writeRequests(requests);
			if (dialect == SqlDialect.H2) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SHUTDOWN");
				}
			}
			System.out.println(String.format(Locale.ROOT, "db=%s n=%d seconds=%.1f orders=%d lines=%d events=%d", db,
					n, result.seconds(), result.orders(), result.lines(), result.events()));
		}
	}

	private static void postgresAdmin(String statement) throws Exception {
		String url = "jdbc:postgresql://" + env("BENCH_PG_HOST", "localhost") + ":" + env("BENCH_PG_PORT", "5432")
				+ "/postgres";
		try (Connection connection = DriverManager.getConnection(url, env("BENCH_PG_USER", "portal"),
				env("BENCH_PG_PASSWORD", "portal")); Statement s = connection.createStatement()) {
			s.execute(statement);
		}
	}

	private static String identifier(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			fail("Not a plain database name: " + name);
		}
		return name;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	private static void fail(String message) {
		System.err.println("bench: " + message);
		System.exit(1);
	}

}
