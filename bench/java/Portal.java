import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal as a browser sees it: readiness, form login (CSRF token from the login page,
 * then the session cookie), the CSRF token of a page, and the page's weight.
 */
final class Portal {

	private static final Pattern LOGIN_CSRF = Pattern
		.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern META_CSRF_HEADER = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

	private static final String MISSING_ORDER = "00000000-0000-4000-8000-000000000000";

	/** How long one request alone may take (the probe of each case, the page weight). */
	static final Duration PATIENCE = Duration.ofSeconds(300);

	/** The session after login, and the CSRF token and header its pages carry. */
	record Session(String cookie, String csrfHeader, String csrfToken) {
	}

	record Weight(long bytes, long gzipBytes, String gzipEncoding) {
	}

	/** One request of a case sent alone: whether it works, and how long it takes. */
	record Probe(int status, long millis) {
	}

	private static final Pattern DIALOG_KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	Portal(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Waits until readiness answers UP, failing early if the process died. */
	void awaitReady(long pid, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				throw new IllegalStateException("The portal (pid " + pid + ") exited before it was ready");
			}
			if (isReady()) {
				return;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The portal was not ready within " + timeout.toSeconds() + " s");
	}

	/**
	 * Waits until the portal has worked off what the last load left queued (wrk stops
	 * sending, the portal still answers what it had received): its process uses less
	 * than a tenth of a core over a second, and readiness is UP. A case measured right
	 * after a slow one would otherwise pay for its backlog.
	 */
	void settle(long pid, Duration timeout) throws InterruptedException {
		ProcessHandle process = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("The portal (pid " + pid + ") is not running"));
		long deadline = System.nanoTime() + timeout.toNanos();
		Duration before = cpu(process);
		while (System.nanoTime() < deadline) {
			Thread.sleep(1000);
			Duration now = cpu(process);
			boolean idle = now.minus(before).toMillis() < 100;
			before = now;
			if (idle && isReady()) {
				return;
			}
		}
		System.err.println("bench: the portal was still busy after " + timeout.toSeconds() + " s; going on");
	}

	private static Duration cpu(ProcessHandle process) {
		if (!process.isAlive()) {
			throw new IllegalStateException("The portal (pid " + process.pid() + ") exited");
		}
		return process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	boolean isReady() throws InterruptedException {
		try {
			HttpResponse<String> ready = get("/actuator/health/readiness", null);
			return ready.statusCode() == 200 && ready.body().contains("UP");
		}
		catch (IOException ex) {
			return false;
		}
	}

	Session login(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> page = get("/login", null);
		require(page.statusCode() == 200, "GET /login answered " + page.statusCode());
		Matcher token = LOGIN_CSRF.matcher(page.body());
		require(token.find(), "GET /login has no _csrf field");
		String anonymous = sessionCookie(page, null);
		String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
				+ encode(token.group(1) != null ? token.group(1) : token.group(2));
		HttpResponse<String> login = this.http.send(HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", anonymous)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		String location = login.headers().firstValue("Location").orElse("");
		require(login.statusCode() == 302 && !location.contains("/login"),
				"Login as " + username + " failed: " + login.statusCode() + " to '" + location + "'");
		String cookie = sessionCookie(login, anonymous);
		// The session's CSRF token from the layout of a page that is cheap at any size (the
		// Orders page can take minutes): an order that does not exist. Only a logged-in
		// user gets its 404; anyone else is sent to the login page.
		HttpResponse<String> page404 = get("/orders/" + MISSING_ORDER, cookie);
		require(page404.statusCode() == 404,
				"GET /orders/" + MISSING_ORDER + " after login answered " + page404.statusCode() + ", not 404");
		Matcher csrf = META_CSRF.matcher(page404.body());
		Matcher header = META_CSRF_HEADER.matcher(page404.body());
		require(csrf.find() && header.find(), "The page of a missing order has no <meta name=\"_csrf\">");
		return new Session(cookie, header.group(1), csrf.group(1));
	}

	/** The page's HTML bytes as sent, plain and when the client accepts gzip. */
	Weight weigh(Session session, String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> plain = this.http.send(request(path, session.cookie()).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		require(plain.statusCode() == 200, "GET " + path + " answered " + plain.statusCode());
		HttpResponse<byte[]> gzip = this.http.send(
				request(path, session.cookie()).header("Accept-Encoding", "gzip").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		return new Weight(plain.body().length, gzip.body().length,
				gzip.headers().firstValue("Content-Encoding").orElse("identity"));
	}

	/**
	 * GETs the path (a More actions dialog with HX-Request, as htmx does); 200 expected.
	 * Timed after a first request that warms up this JVM's HTTP client.
	 */
	Probe probe(Session session, String path) throws IOException, InterruptedException {
		isReady();
		HttpRequest.Builder request = request(path, session.cookie());
		if (path.endsWith("/new")) {
			request.header("HX-Request", "true");
		}
		long started = System.nanoTime();
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		long millis = (System.nanoTime() - started) / 1_000_000;
		require(response.statusCode() == 200, "GET " + path + " answered " + response.statusCode());
		return new Probe(response.statusCode(), millis);
	}

	/** One refund round trip, as bench/lua/refund.lua does it: the dialog, then its POST. */
	Probe refund(Session session, String orderId) throws IOException, InterruptedException {
		isReady();
		long started = System.nanoTime();
		HttpResponse<String> dialog = this.http.send(request("/orders/" + orderId + "/refunds/new", session.cookie())
			.header("HX-Request", "true")
			.build(), HttpResponse.BodyHandlers.ofString());
		require(dialog.statusCode() == 200, "The refund dialog of " + orderId + " answered " + dialog.statusCode());
		Matcher key = DIALOG_KEY.matcher(dialog.body());
		require(key.find(), "The refund dialog of " + orderId + " has no idempotencyKey field");
		String form = "idempotencyKey=" + encode(key.group(1)) + "&mode=amount&amount=1.00&reason=RETURNED&note=";
		HttpResponse<String> refund = this.http.send(
				request("/orders/" + orderId + "/refunds", session.cookie()).header("HX-Request", "true")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header(session.csrfHeader(), session.csrfToken())
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		long millis = (System.nanoTime() - started) / 1_000_000;
		require(refund.statusCode() == 200
				&& refund.headers().firstValue("HX-Trigger-After-Settle").orElse("").contains("orderActionDone"),
				"The refund POST of " + orderId + " answered " + refund.statusCode());
		return new Probe(refund.statusCode(), millis);
	}

	/** After the soak: still ready, and a page of orders still answers. */
	String check(Session session) throws IOException, InterruptedException {
		HttpResponse<String> orders = get("/orders", session.cookie());
		return "ready=" + (isReady() ? "UP" : "DOWN") + " final=" + orders.statusCode();
	}

	private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
		return this.http.send(request(path, cookie).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String cookie) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(PATIENCE);
		return (cookie != null) ? request.header("Cookie", cookie) : request;
	}

	/** The session cookie the response sets (JSESSIONID, or SESSION with Spring Session). */
	private static String sessionCookie(HttpResponse<?> response, String current) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		for (String cookie : cookies) {
			String pair = cookie.split(";", 2)[0].strip();
			if (pair.startsWith("JSESSIONID=") || pair.startsWith("SESSION=")) {
				return pair;
			}
		}
		require(current != null, "No session cookie in " + cookies);
		return current;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
