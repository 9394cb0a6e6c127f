package org.merchantportal.order;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * What the Orders page asks for: a prefix to search for, a status, a date range (days,
 * both inclusive, in the reader's time zone: UTC unless {@link #inZone} says otherwise)
 * and where the page starts (the keyset cursor of the last order shown). Built from the
 * URL's query; anything malformed is refused with {@link InvalidFilterException}.
 */
public record OrderFilter(String query, OrderStatus status, LocalDate from, LocalDate to, Cursor after, ZoneId zone) {

	public static final int MAX_QUERY_LENGTH = 100;

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 30);

	/** The only order the Orders page lists in. */
	public static final String NEWEST_FIRST = "newest";

	public OrderFilter {
		zone = (zone != null) ? zone : ZoneOffset.UTC;
		query = (query == null || query.isBlank()) ? null : query.strip();
		if (query != null && query.length() > MAX_QUERY_LENGTH) {
			throw new InvalidFilterException("filter.queryTooLong", MAX_QUERY_LENGTH);
		}
		if (query != null && query.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidFilterException("filter.queryNotText");
		}
		for (LocalDate date : new LocalDate[] { from, to }) {
			if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
				throw new InvalidFilterException("filter.dateOutOfRange", EARLIEST, LATEST);
			}
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidFilterException("filter.datesReversed");
		}
	}

	/** Days in UTC. */
	public OrderFilter(String query, OrderStatus status, LocalDate from, LocalDate to, Cursor after) {
		this(query, status, from, to, after, ZoneOffset.UTC);
	}

	public static OrderFilter none() {
		return new OrderFilter(null, null, null, null, null);
	}

	/** Parses the Orders page's URL parameters, refusing what is not one of ours. */
	public static OrderFilter parse(String query, String status, String from, String to, String after, String sort) {
		if (sort != null && !sort.isBlank() && !NEWEST_FIRST.equals(sort.strip())) {
			throw new InvalidFilterException("filter.sort");
		}
		return new OrderFilter(query, parseStatus(status), parseDate(from, "start"), parseDate(to, "end"),
				Cursor.parse(after));
	}

	public OrderFilter startingAfter(Cursor cursor) {
		return new OrderFilter(this.query, this.status, this.from, this.to, cursor, this.zone);
	}

	/** The same filter, its days starting at midnight in the given zone. */
	public OrderFilter inZone(ZoneId zone) {
		return new OrderFilter(this.query, this.status, this.from, this.to, this.after, zone);
	}

	/** When the given day of the filter's zone starts. */
	Instant startOf(LocalDate day) {
		return day.atStartOfDay(this.zone).toInstant();
	}

	public boolean isFiltered() {
		return this.query != null || this.status != null || this.from != null || this.to != null;
	}

	/**
	 * The search term as a case-insensitive LIKE prefix, with LIKE's wildcards escaped.
	 */
	String likePrefix() {
		return this.query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static OrderStatus parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return OrderStatus.valueOf(status.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFilterException("filter.status");
		}
	}

	private static LocalDate parseDate(String date, String which) {
		if (date == null || date.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(date.strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidFilterException("filter.date." + which);
		}
	}

	/**
	 * Where a page of orders starts: after this creation time and public order id, newest
	 * first. Opaque to the browser, and never the database key.
	 */
	public record Cursor(Instant createdAt, UUID orderId) {

		private static final int LENGTH = Long.BYTES + Integer.BYTES + 2 * Long.BYTES;

		public static Cursor of(OrderSummary order) {
			return new Cursor(order.createdAt(), order.publicId());
		}

		static Cursor parse(String encoded) {
			if (encoded == null || encoded.isBlank()) {
				return null;
			}
			try {
				byte[] bytes = Base64.getUrlDecoder().decode(encoded.strip());
				if (bytes.length != LENGTH) {
					throw new IllegalArgumentException();
				}
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				long seconds = buffer.getLong();
				int nanos = buffer.getInt();
				UUID orderId = new UUID(buffer.getLong(), buffer.getLong());
				Instant createdAt = Instant.ofEpochSecond(seconds, nanos);
				// Only what encode() makes: a real time and a random (version 4) order
				// id.
				if (nanos < 0 || nanos > 999_999_999 || orderId.version() != 4
						|| createdAt.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
						|| createdAt.isAfter(LATEST.atStartOfDay(ZoneOffset.UTC).toInstant())) {
					throw new IllegalArgumentException();
				}
				return new Cursor(createdAt, orderId);
			}
			catch (RuntimeException ex) {
				throw new InvalidFilterException("filter.cursor");
			}
		}

		public String encode() {
			ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
			buffer.putLong(this.createdAt.getEpochSecond()).putInt(this.createdAt.getNano());
			buffer.putLong(this.orderId.getMostSignificantBits()).putLong(this.orderId.getLeastSignificantBits());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
		}

	}

}
