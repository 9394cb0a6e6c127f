package org.merchantportal.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.web.LimitedBody;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The merchant API's limits on their own: calls per credential (429 with Retry-After) and
 * the size of a body (413), with or without a Content-Length.
 */
class ApiLimitsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aCredentialOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
		ApiLimits limits = new ApiLimits(this.json, 1); // 1 a second, bursts of 2
		ApiClient busy = new ApiClient(1, UUID.randomUUID(), "Busy", "mp_busy");
		ApiClient quiet = new ApiClient(1, UUID.randomUUID(), "Quiet", "mp_quiet");
		assertThat(call(limits, busy).getStatus()).isEqualTo(200);
		assertThat(call(limits, busy).getStatus()).isEqualTo(200);
		MockHttpServletResponse refused = call(limits, busy);
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.getContentAsString()).contains("\"error_code\":\"TOO_MANY_REQUESTS\"")
			.contains("correlation_id");
		assertThat(call(limits, quiet).getStatus()).isEqualTo(200);
	}

	@Test
	void aBodyOverOneMegabyteByItsLengthIs413BeforeAnythingReadsIt() throws Exception {
		ApiLimits limits = new ApiLimits(this.json, 100);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ordermanagement/v1/orders/x/captures");
		request.setContent(new byte[(int) ApiLimits.MAX_BODY_BYTES + 1]);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		limits.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("\"error_code\":\"REQUEST_TOO_LARGE\"");
		assertThat(chain.getRequest()).as("the request went no further").isNull();
	}

	@Test
	void aBodyWithoutALengthIsNotReadPastTheLimit() throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
		request.setContent(new byte[100]);
		LimitedBody limited = new LimitedBody(request, 10);
		byte[] buffer = new byte[8];
		assertThat(limited.getInputStream().read(buffer, 0, 8)).isEqualTo(8);
		assertThatThrownBy(() -> limited.getInputStream().read(buffer, 0, 8)).isInstanceOf(LimitedBody.TooLarge.class);
		LimitedBody small = new LimitedBody(request("12345"), 10);
		assertThat(small.getInputStream().readAllBytes()).hasSize(5);
	}

	private static MockHttpServletRequest request(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
		request.setContent(body.getBytes());
		return request;
	}

	private static MockHttpServletResponse call(ApiLimits limits, ApiClient client) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client, null, List.of()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		limits.doFilter(new MockHttpServletRequest("GET", "/ordermanagement/v1/orders/x"), response,
				new MockFilterChain());
		return response;
	}

}
