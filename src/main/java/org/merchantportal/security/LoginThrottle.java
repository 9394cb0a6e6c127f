package org.merchantportal.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many failed logins each client address may make: at most
 * {@code portal.login.max-failures-per-minute} (30 by default) per minute, whatever the
 * usernames, known or not. A token bucket per address (Bucket4j) holds that many attempts
 * and refills them evenly over a minute. Each login attempt takes a token before its
 * password is checked and gives it back if the login succeeded, so only failures count,
 * and however many attempts run at once no more than the limit get past.
 * <p>
 * <b>Counted per node</b>, in memory: refusing costs no database access and no password
 * hash, which is the point, since a login attempt's cost (a BCrypt and a few writes) is
 * what a flood uses against everyone else. With several nodes behind the load balancer an
 * address gets at most that many failures per minute on each node. The guard across nodes
 * is the per-account lockout in the database (ten failures in a row lock the account for
 * 30 minutes), which this does not replace.
 * <p>
 * The buckets live in a Caffeine cache bounded in size ({@code
 * portal.login.throttle.max-addresses}, 10,000 by default, about 5 MB) and dropped after
 * a minute without attempts, when they would be full again anyway, so a flood of
 * addresses cannot fill the heap; evicting an address only forgets its failures. IPv6
 * addresses are counted by their /64 network, which one subscriber usually holds whole.
 * <p>
 * Metrics: {@code portal.login.throttled} counts refused attempts,
 * {@code portal.login.throttle.addresses} the addresses being counted.
 */
@Component
class LoginThrottle {

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final Bandwidth limit;

	private final TimeMeter time;

	private final Cache<String, Client> clients;

	private final int maxFailuresPerMinute;

	private final Counter refusals;

	LoginThrottle(@Value("${portal.login.max-failures-per-minute:30}") int maxFailuresPerMinute,
			@Value("${portal.login.throttle.max-addresses:10000}") int maxAddresses, Clock clock,
			MeterRegistry meters) {
		if (maxFailuresPerMinute < 1) {
			throw new IllegalArgumentException("portal.login.max-failures-per-minute must be at least 1");
		}
		this.maxFailuresPerMinute = maxFailuresPerMinute;
		this.limit = Bandwidth.builder()
			.capacity(maxFailuresPerMinute)
			.refillGreedy(maxFailuresPerMinute, WINDOW)
			.build();
		this.time = new ClockTime(clock);
		this.clients = Caffeine.newBuilder()
			.maximumSize(maxAddresses)
			.expireAfterAccess(WINDOW)
			.ticker(this.time::currentTimeNanos)
			.build();
		this.refusals = Counter.builder("portal.login.throttled")
			.description("Login attempts refused because their address failed too often")
			.register(meters);
		Gauge.builder("portal.login.throttle.addresses", this, LoginThrottle::addressesCounted)
			.description("Client addresses whose failed logins are being counted")
			.register(meters);
	}

	int maxFailuresPerMinute() {
		return this.maxFailuresPerMinute;
	}

	/**
	 * Takes one attempt from the address's allowance.
	 * @return empty when the attempt may go ahead, else why not and for how long
	 */
	Optional<Refusal> tryAcquire(String address) {
		Client client = this.clients.get(keyOf(address),
				(key) -> new Client(Bucket.builder().addLimit(this.limit).withCustomTimePrecision(this.time).build(),
						new AtomicLong()));
		ConsumptionProbe probe = client.bucket().tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return Optional.empty();
		}
		this.refusals.increment();
		Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
		return Optional.of(new Refusal(retryAfter, client.firstRefusalInWindow(this.time.currentTimeNanos())));
	}

	/** Gives back the attempt of a login that succeeded. */
	void giveBack(String address) {
		Client client = this.clients.getIfPresent(keyOf(address));
		if (client != null) {
			client.bucket().addTokens(1);
		}
	}

	/** How many addresses are being counted now. */
	long addressesCounted() {
		this.clients.cleanUp();
		return this.clients.estimatedSize();
	}

	/**
	 * The address as counted: IPv4 as it is, IPv6 as its /64 network. Only literals are
	 * parsed (an address with ':' is never looked up in DNS).
	 */
	static String keyOf(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return String.valueOf(address);
		}
		try {
			InetAddress parsed = InetAddress.getByName(address);
			if (!(parsed instanceof Inet6Address)) {
				return parsed.getHostAddress(); // IPv4-mapped
			}
			byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
			Arrays.fill(network, 8, 16, (byte) 0);
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	/**
	 * A refused attempt.
	 *
	 * @param retryAfter when the address may try again
	 * @param firstInWindow whether it is the address's first refusal for a minute: the
	 * one worth an audit record
	 */
	record Refusal(Duration retryAfter, boolean firstInWindow) {

		/** Whole seconds, at least one, as the Retry-After header takes it. */
		long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

	private record Client(Bucket bucket, AtomicLong lastReported) {

		boolean firstRefusalInWindow(long now) {
			long previous = this.lastReported.get();
			boolean due = previous == 0 || now - previous >= WINDOW.toNanos();
			return due && this.lastReported.compareAndSet(previous, now);
		}

	}

	/** The portal's clock as Bucket4j's and Caffeine's time, so tests can move it. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = this.clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
