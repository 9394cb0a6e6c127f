package org.merchantportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/merchant-portal-*.jar}, built by {@code package} before
 * the integration tests run) in a JVM of its own, started as the README says, so that a
 * test can kill it with SIGKILL and start it again on the same files. The working
 * directory is the test's own: the embedded default keeps its database in {@code ./data}
 * there. Output goes to {@code portal.log} in that directory, appended across restarts.
 */
final class ForkedPortal implements Portal, AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private ForkedPortal(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the jar in the given working directory on a free port and waits until it is
	 * ready to serve (readiness UP, which on the embedded default is after the demo data
	 * was seeded).
	 * @param directory its working directory
	 * @param arguments further command-line arguments, such as the profile and database
	 */
	static ForkedPortal start(Path directory, String... arguments) {
		ForkedPortal portal = launch(directory, arguments);
		portal.await("/actuator/health/readiness");
		return portal;
	}

	/**
	 * Starts the jar like {@link #start} but returns at once, while it is still starting.
	 */
	static ForkedPortal launch(Path directory, String... arguments) {
		try {
			Files.createDirectories(directory);
			int port = freePort();
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
							"-XX:+ExitOnOutOfMemoryError", "-jar", jar().toString(), "--server.port=" + port,
							"--spring.main.banner-mode=off"));
			command.addAll(List.of(arguments));
			Path log = directory.resolve("portal.log");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new ForkedPortal(process, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The jar that {@code mvn package} built; failsafe passes its path. */
	private static Path jar() {
		String jar = System.getProperty("portal.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new AssertionError("The packaged jar (system property portal.jar = " + jar + ") is missing: "
					+ "run the integration tests through `./mvnw -B verify`, which packages it first.");
		}
		return Path.of(jar);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until a GET of the path answers 200, polling every few milliseconds.
	 */
	void await(String path) {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"The portal exited with " + this.process.exitValue() + " while starting:\n" + logTail());
			}
			try {
				HttpResponse<Void> readiness = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (readiness.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			sleep(Duration.ofMillis(10));
		}
		kill();
		throw new AssertionError("GET " + path + " did not answer 200 within " + STARTUP + ":\n" + logTail());
	}

	/**
	 * Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is
	 * gone.
	 */
	void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	/**
	 * Stops the process with SIGTERM (a graceful shutdown) and waits until it is gone.
	 */
	void stop() {
		this.process.destroy();
		awaitExit();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	private void awaitExit() {
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The last lines the portal wrote, for failure messages. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return "the packaged portal (pid " + this.process.pid() + ", port " + this.port + ")";
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
