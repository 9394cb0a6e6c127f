package org.merchantportal.security;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.web.ApiError;
import org.merchantportal.web.LimitedBody;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The merchant API's limits, checked before any work: a body over {@link #MAX_BODY_BYTES}
 * is refused with 413 (by its Content-Length; a chunked body is not read past the limit,
 * see {@link LimitedBody}), and each credential may make
 * {@code portal.api.requests-per-second} calls a second, with bursts of twice that,
 * beyond which it gets 429 with Retry-After. Counted per node, in memory (Bucket4j), like
 * the login throttle: with N nodes a credential gets up to N times the rate.
 */
class ApiLimits extends OncePerRequestFilter {

	/** 1 MB: a capture or refund of a thousand lines is a fraction of that. */
	static final long MAX_BODY_BYTES = 1024 * 1024;

	private final JsonMapper json;

	private final Bandwidth limit;

	private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	ApiLimits(JsonMapper json, int requestsPerSecond) {
		if (requestsPerSecond < 1) {
			throw new IllegalArgumentException("portal.api.requests-per-second must be at least 1");
		}
		this.json = json;
		this.limit = Bandwidth.builder()
			.capacity(2L * requestsPerSecond)
			.refillGreedy(requestsPerSecond, Duration.ofSeconds(1))
			.build();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			ApiError.write(response, this.json, HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE",
					"The request body is over 1 MB.");
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
			ConsumptionProbe probe = this.buckets
				.get(client.credentialId(), (id) -> Bucket.builder().addLimit(this.limit).build())
				.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				long seconds = Math.max(1,
						TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				ApiError.write(response, this.json, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
						"Too many requests with this credential: retry after " + seconds + " s.");
				return;
			}
		}
		chain.doFilter(new LimitedBody(request, MAX_BODY_BYTES), response);
	}

}
