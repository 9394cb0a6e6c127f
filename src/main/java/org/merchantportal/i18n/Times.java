package org.merchantportal.i18n;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.stereotype.Component;

/**
 * Writes moments for the reader of the current request: in the reader's time zone (the
 * user's own, else their merchant's; UTC before login), in the pattern of the reader's
 * language from its messages ({@code format.dateTime} and the like). A moment shown on
 * its own names its zone ("2026-12-04 14:05 CET"); a column of them names the zone once,
 * in its heading ({@link #zone()}). Templates call it as
 * {@code ${@times.dateTime(instant)}}; the CSV export and the merchant API keep UTC.
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final MessageSource messages;

	private final Messages dates;

	Times(MessageSource messages, Messages dates) {
		this.messages = messages;
		this.dates = dates;
	}

	/** Date and time with the zone named, e.g. "2026-12-04 14:05 CET". */
	public String dateTime(Instant moment) {
		return format("format.dateTime", "yyyy-MM-dd HH:mm z", moment);
	}

	/** Date and time to the second with the zone named, as the audit log shows them. */
	public String dateTimeWithSeconds(Instant moment) {
		return format("format.dateTime.seconds", "yyyy-MM-dd HH:mm:ss z", moment);
	}

	/**
	 * A calendar day given in ISO form ("2026-12-04"), as the reader's language writes
	 * it: "04.12.2026" in German.
	 */
	public String date(String isoDate) {
		return this.dates.date(LocalDate.parse(isoDate), LocaleContextHolder.getLocale());
	}

	/** The time of day with the zone named, e.g. "14:05 CET". */
	public String time(Instant moment) {
		return format("format.time", "HH:mm z", moment);
	}

	/**
	 * How a column of moments writes each one, without the zone its heading names; one
	 * formatter for a whole page.
	 */
	public DateTimeFormatter inColumn() {
		return formatter("format.dateTime.column", "yyyy-MM-dd HH:mm");
	}

	/** The reader's time zone, as a heading names it: "Europe/Stockholm". */
	public String zone() {
		return zoneId().getId();
	}

	/**
	 * The moment as HTML's {@code <time datetime>} wants it: in UTC, with at most three
	 * fractional digits.
	 */
	public String iso(Instant moment) {
		return (moment != null) ? ISO.format(moment) : "";
	}

	private String format(String code, String fallback, Instant moment) {
		return (moment != null) ? formatter(code, fallback).format(moment) : "";
	}

	private DateTimeFormatter formatter(String code, String fallback) {
		Locale locale = LocaleContextHolder.getLocale();
		return DateTimeFormatter.ofPattern(this.messages.getMessage(code, null, fallback, locale), locale)
			.withZone(zoneId());
	}

	private static ZoneId zoneId() {
		return (LocaleContextHolder.getLocaleContext() instanceof TimeZoneAwareLocaleContext context
				&& context.getTimeZone() != null) ? context.getTimeZone().toZoneId() : ZoneOffset.UTC;
	}

}
