package org.merchantportal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gzips responses (pages, fragments, the API's JSON, static files) in place of Tomcat's
 * compression, with zlib reading and writing direct buffers rather than Java arrays.
 * Tomcat's compression hands zlib the response's byte arrays in a JNI critical region,
 * which holds off the garbage collector for as long as it deflates; with many requests
 * compressing at once, G1 on JDK 17 gave up waiting and threw OutOfMemoryError with most
 * of the heap free (JDK-8192647), and the portal stopped. Each response is compressed
 * whole, as the portal renders it whole anyway (a page of 50 orders is about 100 KB); the
 * CSV export, which streams, is not compressed. A request thread keeps its deflater and
 * 128 KB of direct buffers for its next response. Registered in {@link WebConfig}.
 */
class CompressedResponses extends OncePerRequestFilter {

	/** Smaller responses are sent as they are: compressing them saves too little. */
	static final int MIN_SIZE = 2048;

	/** What zlib reads and writes at a time, in each request thread's direct buffers. */
	private static final int CHUNK = 64 * 1024;

	private static final byte[] GZIP_HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private static final ThreadLocal<Zlib> zlib = ThreadLocal.withInitial(Zlib::new);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING)) || "HEAD".equals(request.getMethod())
				|| request.getRequestURI().endsWith("/orders/export.csv");
	}

	/**
	 * Whether an {@code Accept-Encoding} takes gzip: named, or by "*", and not at q=0.
	 */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		for (String coding : acceptEncoding.split(",")) {
			String[] parts = coding.split(";");
			String name = parts[0].strip();
			if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
				return !isZeroQuality(parts);
			}
		}
		return false;
	}

	private static boolean isZeroQuality(String[] parameters) {
		for (int i = 1; i < parameters.length; i++) {
			String parameter = parameters[i].strip();
			if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
				try {
					return Double.parseDouble(parameter.substring(2).strip()) <= 0;
				}
				catch (NumberFormatException ex) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, cached);
		if (request.isAsyncStarted()) {
			// Nothing the portal answers asynchronously today; should anything, it is
			// sent as written, once written.
			request.getAsyncContext().addListener(new AsyncListener() {

				@Override
				public void onComplete(AsyncEvent event) throws IOException {
					cached.copyBodyToResponse();
				}

				@Override
				public void onTimeout(AsyncEvent event) {
				}

				@Override
				public void onError(AsyncEvent event) {
				}

				@Override
				public void onStartAsync(AsyncEvent event) {
				}

			});
			return;
		}
		int status = cached.getStatus();
		if (cached.getContentSize() < MIN_SIZE || response.isCommitted() || status == 204 || status == 206
				|| status == 304 || response.getHeader(HttpHeaders.CONTENT_ENCODING) != null
				|| !isCompressible(cached.getContentType())) {
			cached.copyBodyToResponse();
			return;
		}
		byte[] compressed = gzip(cached.getContentAsByteArray());
		response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		// A range of the compressed bytes is not what a range request would get.
		response.setHeader(HttpHeaders.ACCEPT_RANGES, "none");
		response.setContentLength(compressed.length);
		response.getOutputStream().write(compressed);
	}

	/**
	 * Text of any kind, JSON, JavaScript, XML and SVG: not images, which are compressed
	 * already.
	 */
	private static boolean isCompressible(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(java.util.Locale.ROOT);
		return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json")
				|| type.startsWith("application/javascript") || type.startsWith("application/xml")
				|| type.startsWith("image/svg+xml");
	}

	/** The gzip stream (RFC 1952) of the bytes, deflated from and to direct buffers. */
	static byte[] gzip(byte[] content) {
		Zlib buffers = zlib.get();
		Deflater deflater = buffers.deflater;
		deflater.reset();
		CRC32 crc = new CRC32();
		ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 4 + 64);
		out.writeBytes(GZIP_HEADER);
		for (int offset = 0; offset < content.length; offset += CHUNK) {
			ByteBuffer input = buffers.input.clear();
			input.put(content, offset, Math.min(CHUNK, content.length - offset)).flip();
			crc.update(input.duplicate());
			deflater.setInput(input);
			while (!deflater.needsInput()) {
				drain(buffers, out);
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			drain(buffers, out);
		}
		writeLittleEndian(out, (int) crc.getValue());
		writeLittleEndian(out, content.length);
		return out.toByteArray();
	}

	private static void drain(Zlib buffers, ByteArrayOutputStream out) {
		ByteBuffer output = buffers.output.clear();
		int produced = buffers.deflater.deflate(output);
		output.flip().get(buffers.copy, 0, produced);
		out.write(buffers.copy, 0, produced);
	}

	private static void writeLittleEndian(ByteArrayOutputStream out, int value) {
		for (int i = 0; i < 4; i++) {
			out.write((value >>> (8 * i)) & 0xff);
		}
	}

	/** A request thread's deflater and buffers, kept for its next response. */
	private static final class Zlib {

		/**
		 * zlib's fastest level: the Orders page (97 KB) deflates in 0.29 ms to 10.3 KB,
		 * against 0.60 ms to 8.5 KB at the default level, which was a fifth of the page's
		 * CPU time.
		 */
		private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);

		private final ByteBuffer input = ByteBuffer.allocateDirect(CHUNK);

		private final ByteBuffer output = ByteBuffer.allocateDirect(CHUNK);

		private final byte[] copy = new byte[CHUNK];

	}

}
