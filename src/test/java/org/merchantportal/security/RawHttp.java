package org.merchantportal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A client of the portal's real Tomcat that writes HTTP/1.1 by hand, for the forwarded
 * header tests: it connects from a local address of its choosing (to the portal,
 * 127.0.0.2 is another peer than 127.0.0.1), sends any header, Host included (which
 * java.net.http refuses to), and as often as asked. It keeps cookies as a browser does
 * and follows no redirect.
 */
final class RawHttp {

	private final int port;

	private final String localAddress;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/** From 127.0.0.1, as the load balancer on the same machine would connect. */
	RawHttp(int port) {
		this(port, "127.0.0.1");
	}

	RawHttp(int port, String localAddress) {
		this.port = port;
		this.localAddress = localAddress;
	}

	Optional<String> cookie(String name) {
		return Optional.ofNullable(this.cookies.get(name));
	}

	/**
	 * @param headers names and values, in turn
	 */
	Response get(String path, String... headers) throws IOException {
		return send("GET", path, null, headers);
	}

	Response post(String path, Map<String, String> form, String... headers) throws IOException {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send("POST", path, body, headers);
	}

	/** Opens the login page and posts its form, both with the headers given. */
	Response logIn(String username, String password, String... headers) throws IOException {
		Response page = get("/login", headers);
		if (page.status() != 200) {
			throw new AssertionError("GET /login answered " + page.status());
		}
		return post("/login",
				Map.of("username", username, "password", password, "_csrf", AttackFixtures.csrfToken(page.body())),
				headers);
	}

	private Response send(String method, String path, String body, String... headers) throws IOException {
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < headers.length; i += 2) {
			names.add(headers[i].toLowerCase(Locale.ROOT));
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		if (!names.contains("host")) {
			request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		}
		if (!this.cookies.isEmpty()) {
			request.append("Cookie: ")
				.append(this.cookies.entrySet()
					.stream()
					.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
					.collect(Collectors.joining("; ")))
				.append("\r\n");
		}
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (body != null) {
			request.append("Content-Type: application/x-www-form-urlencoded\r\n")
				.append("Content-Length: ")
				.append(content.length)
				.append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(30_000);
			socket.bind(new InetSocketAddress(this.localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			Response response = Response.parse(socket.getInputStream());
			keepCookies(response);
			return response;
		}
	}

	private void keepCookies(Response response) {
		for (String setCookie : response.headers("Set-Cookie")) {
			String pair = setCookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('=')).strip();
			String value = pair.substring(pair.indexOf('=') + 1).strip();
			if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
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

	/**
	 * @param headers by lower-case name
	 */
	record Response(int status, Map<String, List<String>> headers, String body) {

		List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		Optional<String> header(String name) {
			return headers(name).stream().findFirst();
		}

		String location() {
			return header("Location").orElseThrow(() -> new AssertionError("no Location in a " + this.status));
		}

		/** The Set-Cookie header of that cookie. */
		String setCookie(String name) {
			return headers("Set-Cookie").stream()
				.filter((cookie) -> cookie.startsWith(name + "="))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + name + " cookie set in " + this.headers));
		}

		/** The attributes of a Set-Cookie header, in lower case: "httponly", "secure"… */
		static List<String> attributes(String setCookie) {
			return java.util.Arrays.stream(setCookie.split(";"))
				.skip(1)
				.map((attribute) -> attribute.strip().toLowerCase(Locale.ROOT))
				.toList();
		}

		static Response parse(InputStream in) throws IOException {
			byte[] all = in.readAllBytes();
			String raw = new String(all, StandardCharsets.ISO_8859_1);
			int end = raw.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new IOException("No complete HTTP response: " + raw);
			}
			String[] lines = raw.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
			if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int at = 0;
			while (at < chunked.length) {
				int lineEnd = at;
				while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
					lineEnd++;
				}
				String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
				int length = Integer.parseInt(size, 16);
				if (length == 0) {
					break;
				}
				out.write(chunked, lineEnd + 2, length);
				at = lineEnd + 2 + length + 2;
			}
			return out.toByteArray();
		}

	}

}
