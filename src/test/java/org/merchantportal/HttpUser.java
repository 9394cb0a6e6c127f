package org.merchantportal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

/**
 * A member of staff without a browser: plain HTTP against any {@link Portal}, keeping the
 * cookies it is given (the {@code SESSION} cookie of Spring Session) and sending them to
 * whichever node it talks to, as a browser behind a load balancer does. Redirects are not
 * followed, so that tests see them. CSRF tokens and idempotency keys are read from the
 * pages, as a browser submits them.
 */
final class HttpUser {

	private static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern STATUS_REGION = Pattern.compile("<div id=\"status-message\"[^>]*>(.*?)</div>",
			Pattern.DOTALL);

	private static final Pattern STATUS_OOB = Pattern
		.compile("<div hx-swap-oob=\"innerHTML:#status-message\">(.*?)</div>", Pattern.DOTALL);

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	/**
	 * A user who presents a cookie it got elsewhere, such as a session cookie kept after
	 * logging out.
	 */
	static HttpUser withCookie(String name, String value) {
		HttpUser user = new HttpUser();
		user.cookies.put(name, value);
		return user;
	}

	/** Logs in through a node's login form; fails unless it lands on the Orders page. */
	HttpUser logIn(Portal node, String username, String password) {
		Page login = get(node, "/login");
		if (login.status() != 200) {
			throw new AssertionError("GET /login on " + node + " answered " + login.status() + ": " + login.body());
		}
		Page result = post(node, "/login", Map.of("username", username, "password", password, "_csrf", login.csrf()));
		if (result.status() != 302 || !result.location().endsWith("/orders")) {
			throw new AssertionError("Logging in as " + username + " on " + node + " answered " + result.status()
					+ " to " + result.location() + " instead of a redirect to /orders");
		}
		return this;
	}

	/** The value of a cookie this user holds, if any. */
	Optional<String> cookie(String name) {
		return Optional.ofNullable(this.cookies.get(name));
	}

	Page get(Portal node, String path, String... headers) {
		return send(node, HttpRequest.newBuilder(node.uri(path)).GET(), headers);
	}

	/** A form POST, fields in the given order, URL-encoded. */
	Page post(Portal node, String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/x-www-form-urlencoded";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send(node, HttpRequest.newBuilder(node.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), all);
	}

	private Page send(Portal node, HttpRequest.Builder request, String... headers) {
		request.timeout(Duration.ofSeconds(60));
		// Messages and amounts in English, whatever the machine's locale.
		request.header("Accept-Language", "en");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		HttpRequest built = request.build();
		try {
			HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
			keepCookies(response.headers().allValues("Set-Cookie"));
			return new Page(node, built.method() + " " + built.uri().getPath(), response.statusCode(),
					response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new AssertionError(built.method() + " " + built.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted: " + built.method() + " " + built.uri(), ex);
		}
	}

	private void keepCookies(List<String> setCookies) {
		for (String setCookie : setCookies) {
			String[] parts = setCookie.split(";");
			int equals = parts[0].indexOf('=');
			String name = parts[0].substring(0, equals).strip();
			String value = parts[0].substring(equals + 1).strip();
			boolean expired = value.isEmpty();
			for (int i = 1; i < parts.length; i++) {
				String attribute = parts[i].strip().toLowerCase();
				if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
					expired = true;
				}
			}
			if (expired) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One response, with what the tests read from it. */
	record Page(Portal node, String request, int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.map((header) -> header.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/** The path (and query) a redirect points to, or null. */
		String location() {
			String location = header("Location");
			if (location == null) {
				return null;
			}
			URI uri = URI.create(location);
			return (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		}

		/** The values of the inputs named so, in page order, HTML-unescaped. */
		List<String> inputs(String name) {
			Matcher inputs = INPUT.matcher(this.body);
			List<String> values = new java.util.ArrayList<>();
			while (inputs.find()) {
				Map<String, String> attributes = attributes(inputs.group());
				if (name.equals(attributes.get("name"))) {
					values.add(HtmlUtils.htmlUnescape(attributes.getOrDefault("value", "")));
				}
			}
			return values;
		}

		/** The value of the only input named so; fails if there is none or several. */
		String input(String name) {
			List<String> values = inputs(name);
			if (values.size() != 1) {
				throw new AssertionError("Expected one input '" + name + "' in the answer to " + this.request + " on "
						+ this.node + " (" + this.status + ") but found " + values.size() + ":\n" + this.body);
			}
			return values.get(0);
		}

		/** The CSRF token of the page's first form, or of its meta tag. */
		String csrf() {
			List<String> hidden = inputs("_csrf");
			if (!hidden.isEmpty()) {
				return hidden.get(0);
			}
			Matcher meta = CSRF_META.matcher(this.body);
			if (meta.find()) {
				return HtmlUtils.htmlUnescape(meta.group(1));
			}
			throw new AssertionError("No CSRF token in the answer to " + this.request + " on " + this.node + " ("
					+ this.status + "):\n" + this.body);
		}

		/**
		 * The text of the page's status region ({@code #status-message}), or of an htmx
		 * answer's out-of-band swap into it, whitespace collapsed; null if there is none.
		 */
		String statusMessage() {
			Matcher oob = STATUS_OOB.matcher(this.body);
			Matcher region = oob.find() ? oob : STATUS_REGION.matcher(this.body);
			if (region != oob && !region.find()) {
				return null;
			}
			// Amounts are formatted with no-break spaces: compared as plain spaces.
			String text = HtmlUtils.htmlUnescape(region.group(1).replaceAll("<[^>]*>", "")).replace('\u00a0', ' ');
			return text.strip().replaceAll("\\s+", " ");
		}

		private static Map<String, String> attributes(String tag) {
			Map<String, String> attributes = new LinkedHashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(tag);
			while (attribute.find()) {
				attributes.putIfAbsent(attribute.group(1).toLowerCase(), attribute.group(2));
			}
			return attributes;
		}

		@Override
		public String toString() {
			return this.request + " on " + this.node + " -> " + this.status
					+ ((location() != null) ? " to " + location() : "");
		}

	}

}
