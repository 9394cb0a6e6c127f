package org.merchantportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.merchantportal.security.LoginThrottle.Refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The per-address allowance of failed logins on its own, on a clock that moves only when
 * told: 30 a minute, refilled evenly, successes given back, one address's failures nobody
 * else's, and the memory bounded.
 */
class LoginThrottleTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LoginThrottle throttle = new LoginThrottle(30, 1000, this.clock, this.meters);

	private void useUp(String address, int attempts) {
		for (int i = 1; i <= attempts; i++) {
			assertThat(this.throttle.tryAcquire(address)).as("attempt %s from %s", i, address).isEmpty();
		}
	}

	@Test
	void thirtyAttemptsAMinuteGoAheadAndTheThirtyFirstIsRefusedWithWhenToRetry() {
		useUp("203.0.113.1", 30);
		Optional<Refusal> refused = this.throttle.tryAcquire("203.0.113.1");
		assertThat(refused).hasValueSatisfying((refusal) -> {
			// One attempt comes back every 60 s / 30 = 2 s.
			assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(2));
			assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
		});
		assertThat(this.meters.counter("portal.login.throttled").count()).isEqualTo(1);
	}

	@Test
	void anAttemptComesBackAfterRetryAfterAndTheWholeAllowanceAfterAMinute() {
		useUp("203.0.113.2", 30);
		Refusal refusal = this.throttle.tryAcquire("203.0.113.2").orElseThrow();

		this.clock.advance(refusal.retryAfter().minusMillis(1));
		assertThat(this.throttle.tryAcquire("203.0.113.2")).as("just before Retry-After").isPresent();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.throttle.tryAcquire("203.0.113.2")).as("at Retry-After").isEmpty();
		assertThat(this.throttle.tryAcquire("203.0.113.2")).as("right after").isPresent();

		this.clock.advance(LoginThrottle.WINDOW);
		useUp("203.0.113.2", 30);
		assertThat(this.throttle.tryAcquire("203.0.113.2")).isPresent();
	}

	@Test
	void successfulLoginsGiveTheirAttemptBack() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.throttle.tryAcquire("203.0.113.3")).isEmpty();
			this.throttle.giveBack("203.0.113.3");
		}
		useUp("203.0.113.3", 30);
		assertThat(this.throttle.tryAcquire("203.0.113.3")).isPresent();
	}

	@Test
	void oneAddressUsingUpItsAllowanceLeavesEveryOtherAddressAlone() {
		useUp("203.0.113.4", 30);
		assertThat(this.throttle.tryAcquire("203.0.113.4")).isPresent();
		useUp("203.0.113.5", 30);
		useUp("2001:db8:1::1", 30);
	}

	@Test
	void onlyTheFirstRefusalOfAnAddressInAMinuteIsWorthAnAuditRecord() {
		useUp("203.0.113.6", 30);
		assertThat(this.throttle.tryAcquire("203.0.113.6").orElseThrow().firstInWindow()).isTrue();
		for (int i = 0; i < 50; i++) {
			assertThat(this.throttle.tryAcquire("203.0.113.6").orElseThrow().firstInWindow()).isFalse();
		}
		this.clock.advance(Duration.ofSeconds(30));
		useUp("203.0.113.6", 15);
		assertThat(this.throttle.tryAcquire("203.0.113.6").orElseThrow().firstInWindow())
			.as("half a minute after the first")
			.isFalse();
		this.clock.advance(Duration.ofSeconds(30));
		useUp("203.0.113.6", 15);
		assertThat(this.throttle.tryAcquire("203.0.113.6").orElseThrow().firstInWindow()).as("a minute after the first")
			.isTrue();
	}

	@Test
	void anIpv6NetworkOfSlash64CountsAsOneClient() {
		useUp("2001:db8:aaaa:1::1", 20);
		useUp("2001:db8:aaaa:1:ffff:ffff:ffff:ffff", 10);
		assertThat(this.throttle.tryAcquire("2001:db8:aaaa:1::2")).isPresent();
		useUp("2001:db8:aaaa:2::1", 30);
		assertThat(LoginThrottle.keyOf("2001:db8:aaaa:1:2:3:4:5")).isEqualTo("2001:db8:aaaa:1:0:0:0:0/64");
		assertThat(LoginThrottle.keyOf("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:0/64");
		assertThat(LoginThrottle.keyOf("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(LoginThrottle.keyOf("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(LoginThrottle.keyOf("not:an:address")).isEqualTo("not:an:address");
	}

	@Test
	void aFloodOfAddressesKeepsNoMoreThanTheBoundInMemory() {
		for (int i = 0; i < 20_000; i++) {
			this.throttle.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
		}
		assertThat(this.throttle.addressesCounted()).isBetween(1L, 1000L);
		assertThat(this.meters.get("portal.login.throttle.addresses").gauge().value()).isBetween(1.0, 1000.0);
	}

	@Test
	void anAddressIsForgottenAfterAMinuteWithoutAttemptsWhenItsAllowanceIsFullAgain() {
		useUp("203.0.113.7", 30);
		assertThat(this.throttle.addressesCounted()).isEqualTo(1);
		this.clock.advance(LoginThrottle.WINDOW);
		assertThat(this.throttle.addressesCounted()).isZero();
		useUp("203.0.113.7", 30);
		assertThat(this.throttle.tryAcquire("203.0.113.7")).isPresent();
	}

	@Test
	void aLimitBelowOneIsRefusedAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LoginThrottle(0, 1000, this.clock, new SimpleMeterRegistry()))
			.withMessageContaining("portal.login.max-failures-per-minute");
	}

}
