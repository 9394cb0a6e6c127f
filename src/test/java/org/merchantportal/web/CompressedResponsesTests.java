package org.merchantportal.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses are gzipped by the portal (from and to direct buffers, so that no request
 * thread holds off the garbage collector while zlib runs), through the real server: a
 * browser that accepts gzip gets the same bytes, compressed; one that does not gets them
 * as they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "portal.demo-data=false")
class CompressedResponsesTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2047, 65535, 65536, 65537, 300_000 })
	void gzipsAnyLengthToWhatGunzipReadsBack(int length) throws IOException {
		byte[] content = new byte[length];
		Random random = new Random(length);
		for (int i = 0; i < length; i++) {
			// Half text-like, half noise: both what compresses and what does not.
			content[i] = (i % 1024 < 512) ? (byte) ('a' + i % 7) : (byte) random.nextInt();
		}

		assertThat(gunzip(CompressedResponses.gzip(content))).isEqualTo(content);
	}

	@Test
	void aPageIsCompressedForABrowserThatAcceptsGzipAndOnlyThen() throws Exception {
		HttpResponse<byte[]> compressed = get("/login", "gzip, deflate, br");
		HttpResponse<byte[]> plain = get("/login", null);

		assertThat(compressed.statusCode()).isEqualTo(200);
		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(compressed.headers().allValues("Vary"))
			.anySatisfy((vary) -> assertThat(vary).contains("Accept-Encoding"));
		assertThat(compressed.headers().firstValueAsLong("Content-Length")).hasValue(compressed.body().length);
		assertThat(compressed.headers().firstValue("Accept-Ranges")).isNotEqualTo(java.util.Optional.of("bytes"));
		String page = new String(gunzip(compressed.body()), StandardCharsets.UTF_8);
		assertThat(page).contains("<h1").contains("</html>");
		// Deflated, not stored: zlib's fastest level brings the 2 KB login page to about
		// half.
		assertThat(compressed.body().length).isLessThan(page.length() * 6 / 10);

		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("<h1").contains("</html>");
	}

	@Test
	void aLargeStaticFileIsCompressedToItsOwnBytes() throws Exception {
		String page = new String(get("/login", null).body(), StandardCharsets.UTF_8);
		String htmx = page.replaceAll("(?s).*src=\"(/webjars/htmx[^\"]+)\".*", "$1");

		HttpResponse<byte[]> compressed = get(htmx, "gzip");
		HttpResponse<byte[]> plain = get(htmx, null);

		assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gunzip(compressed.body())).isEqualTo(plain.body());
		assertThat(plain.body().length).isGreaterThan(CompressedResponses.MIN_SIZE);
	}

	@Test
	void readsWhetherTheBrowserTakesGzip() {
		assertThat(CompressedResponses.acceptsGzip("gzip, deflate, br")).isTrue();
		assertThat(CompressedResponses.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
		assertThat(CompressedResponses.acceptsGzip("*")).isTrue();
		assertThat(CompressedResponses.acceptsGzip("gzip;q=0, deflate")).isFalse();
		assertThat(CompressedResponses.acceptsGzip("gzip; q=0.0")).isFalse();
		assertThat(CompressedResponses.acceptsGzip("identity")).isFalse();
		assertThat(CompressedResponses.acceptsGzip("x-gzip-not")).isFalse();
		assertThat(CompressedResponses.acceptsGzip(null)).isFalse();
	}

	@Test
	void leavesTheStreamedExportAndHeadRequestsAlone() {
		CompressedResponses filter = new CompressedResponses();
		MockHttpServletRequest export = new MockHttpServletRequest("GET", "/orders/export.csv");
		export.addHeader("Accept-Encoding", "gzip");
		MockHttpServletRequest head = new MockHttpServletRequest("HEAD", "/orders");
		head.addHeader("Accept-Encoding", "gzip");
		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/orders");
		page.addHeader("Accept-Encoding", "gzip");

		assertThat(filter.shouldNotFilter(export)).isTrue();
		assertThat(filter.shouldNotFilter(head)).isTrue();
		assertThat(filter.shouldNotFilter(page)).isFalse();
	}

	private HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] gunzip(byte[] gzipped) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			return in.readAllBytes();
		}
	}

}
