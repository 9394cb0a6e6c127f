package org.merchantportal.order;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * One page of an order's timeline, newest first: at most {@link #SIZE} events and, where
 * older ones exist, the cursor that the next page starts from. Pages are read by keyset
 * (time, then event), never by offset, so that each reads only its own rows however long
 * the order's history is.
 */
public record TimelinePage(List<OrderEvent> events, Cursor older) {

	/** How many events a page shows. */
	public static final int SIZE = 50;

	public TimelinePage {
		events = List.copyOf(events);
	}

	/**
	 * The page of the events read (newest first, one more than a page where there may be
	 * more).
	 */
	static TimelinePage of(List<OrderEvent> newestFirst, int size) {
		if (newestFirst.size() <= size) {
			return new TimelinePage(newestFirst, null);
		}
		List<OrderEvent> page = newestFirst.subList(0, size);
		return new TimelinePage(page, Cursor.of(page.get(page.size() - 1)));
	}

	public boolean hasOlder() {
		return this.older != null;
	}

	/**
	 * Where an older page starts: just before this event, by its time and then its key.
	 * Opaque to the browser; it only ever reaches events of the order it is used with.
	 */
	public record Cursor(Instant occurredAt, long eventId) {

		private static final int LENGTH = Long.BYTES + Integer.BYTES + Long.BYTES;

		private static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

		/** Later than any event: the newest page is the one up to this time. */
		static final Instant LATEST = LocalDate.of(9999, 12, 30).atStartOfDay(ZoneOffset.UTC).toInstant();

		static Cursor of(OrderEvent event) {
			return new Cursor(event.getOccurredAt(), event.getId());
		}

		/**
		 * The cursor of a "Show older" link, or null for none.
		 * @throws InvalidCursorException for anything {@link #encode()} does not make
		 */
		public static Cursor parse(String encoded) {
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
				long eventId = buffer.getLong();
				Instant occurredAt = Instant.ofEpochSecond(seconds, nanos);
				// Only what encode() makes of a stored event: whole microseconds (what
				// the
				// database keeps), a real time, a positive key.
				if (nanos < 0 || nanos > 999_999_999 || nanos % 1000 != 0 || eventId <= 0
						|| occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
					throw new IllegalArgumentException();
				}
				return new Cursor(occurredAt, eventId);
			}
			catch (RuntimeException ex) {
				throw new InvalidCursorException();
			}
		}

		public String encode() {
			ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
			buffer.putLong(this.occurredAt.getEpochSecond()).putInt(this.occurredAt.getNano()).putLong(this.eventId);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
		}

		/**
		 * The latest time a stored event can have and still be older than this cursor's:
		 * the database keeps whole microseconds, so none lies in between.
		 */
		Instant latestStrictlyBefore() {
			Instant whole = this.occurredAt.truncatedTo(ChronoUnit.MICROS);
			return whole.equals(this.occurredAt) ? whole.minus(1, ChronoUnit.MICROS) : whole;
		}

	}

}
