package org.merchantportal.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body cannot be read past a limit, even when it is sent in chunks
 * without a Content-Length: reading further throws {@link TooLarge}.
 */
public class LimitedBody extends HttpServletRequestWrapper {

	/** Thrown where the body goes on past the limit. */
	public static class TooLarge extends IOException {

		TooLarge() {
			super("The request body is over the limit");
		}

	}

	private final long limit;

	private ServletInputStream stream;

	public LimitedBody(HttpServletRequest request, long limit) {
		super(request);
		this.limit = limit;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			ServletInputStream body = super.getInputStream();
			this.stream = new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = body.read();
					if (b >= 0) {
						count(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = body.read(buffer, offset, length);
					if (n > 0) {
						count(n);
					}
					return n;
				}

				private void count(int n) throws TooLarge {
					this.read += n;
					if (this.read > LimitedBody.this.limit) {
						throw new TooLarge();
					}
				}

				@Override
				public boolean isFinished() {
					return body.isFinished();
				}

				@Override
				public boolean isReady() {
					return body.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					body.setReadListener(listener);
				}

			};
		}
		return this.stream;
	}

}
