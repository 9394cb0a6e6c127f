package org.merchantportal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests to the running portal written byte for byte, as a hostile client may send them
 * (any method, any request line, headers and bodies of any size), over a socket of their
 * own, so that they meet Tomcat itself rather than only the application. Keeps the
 * cookies it is given, like a browser. HTTP/1.0, so that no answer comes chunked.
 */
final class HostileHttp {

	private final int port;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	HostileHttp(int port) {
		this.port = port;
	}

	/** Logs in through the login form, keeping the session cookie it gets. */
	HostileHttp logIn(String username, String password) throws IOException {
		Response page = send("GET", "/login");
		Response login = post("/login",
				Map.of("username", username, "password", password, "_csrf", AttackFixtures.csrfToken(page.body())));
		if (login.status() != 302 || !login.header("Location").endsWith("/orders")) {
			throw new IllegalStateException("Could not log in as " + username + ": " + login.status());
		}
		return this;
	}

	/** The CSRF token of the session, as a page of the portal carries it. */
	String csrfToken() throws IOException {
		return AttackFixtures.csrfToken(send("GET", "/orders").body());
	}

	Response send(String method, String target, String... headers) throws IOException {
		return send(method + " " + target + " HTTP/1.0", new byte[0], headers);
	}

	Response post(String target, Map<String, String> form, String... headers) throws IOException {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		List<String> all = new ArrayList<>(List.of(headers));
		all.addAll(List.of("Content-Type", "application/x-www-form-urlencoded"));
		return send("POST " + target + " HTTP/1.0", body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
	}

	/**
	 * Sends the request line as it is, the headers (name, value, name, value...), the
	 * session's cookies and the body, and reads the whole answer.
	 */
	Response send(String requestLine, byte[] body, String... headers) throws IOException {
		StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost:").append(this.port);
		for (int i = 0; i < headers.length; i += 2) {
			head.append("\r\n").append(headers[i]).append(": ").append(headers[i + 1]);
		}
		if (!this.cookies.isEmpty()) {
			head.append("\r\nCookie: ")
				.append(this.cookies.entrySet()
					.stream()
					.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
					.collect(Collectors.joining("; ")));
		}
		if (body.length > 0) {
			head.append("\r\nContent-Length: ").append(body.length);
		}
		head.append("\r\n\r\n");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			}
			catch (SocketException ex) {
				// The server may answer and close before it has read everything: read on.
			}
			return keepCookies(Response.read(socket.getInputStream()));
		}
	}

	private Response keepCookies(Response response) {
		for (String setCookie : response.headers().getOrDefault("set-cookie", List.of())) {
			String pair = setCookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('='));
			String value = pair.substring(pair.indexOf('=') + 1);
			if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
		return response;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** An answer: its status, its headers by lower-case name, and its body. */
	record Response(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.get(0) : null;
		}

		static Response read(InputStream in) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try {
				in.transferTo(bytes);
			}
			catch (SocketException ex) {
				// A reset after the answer: keep what came.
			}
			String text = bytes.toString(StandardCharsets.UTF_8);
			// Skip interim answers such as "100 Continue".
			while (text.startsWith("HTTP/1.1 1") || text.startsWith("HTTP/1.0 1")) {
				text = text.substring(text.indexOf("\r\n\r\n") + 4);
			}
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new IOException("No answer, or an incomplete one: " + text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
		}

	}

}
