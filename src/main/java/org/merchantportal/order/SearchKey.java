package org.merchantportal.order;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One search key of an order: the first 3, 4 or 5 characters of one of its searchable
 * values (merchant reference, order id, email, name, surname; lower case), with what the
 * Orders page sorts by. {@link OrderSearch} finds the orders of a 3 to 5 character prefix
 * newest first along the index of these keys (see V8__search_keys.sql), reading a page of
 * them however many orders share the prefix.
 */
@Embeddable
record SearchKey(@Column(name = "search_key") String key, @Column(name = "merchant_id") long merchantId,
		@Column(name = "created_at") Instant createdAt, @Column(name = "public_id") String publicId) {

	/** The lengths of prefix that have keys; other searches read prefix ranges. */
	static final int SHORTEST = 3;

	static final int LONGEST = 5;

	/** Whether a (lower-case) search is found through the keys. */
	static boolean covers(String prefix) {
		return prefix.length() >= SHORTEST && prefix.length() <= LONGEST
				&& prefix.chars().noneMatch((c) -> Character.isSurrogate((char) c));
	}

	/** An order's keys: each distinct prefix of its values once. */
	static Set<SearchKey> of(long merchantId, Instant createdAt, String publicId, List<String> values) {
		Set<SearchKey> keys = new LinkedHashSet<>();
		for (int length = SHORTEST; length <= LONGEST; length++) {
			for (String value : values) {
				if (value.length() >= length && !Character.isHighSurrogate(value.charAt(length - 1))) {
					keys.add(new SearchKey(value.substring(0, length), merchantId, createdAt, publicId));
				}
			}
		}
		return keys;
	}

}
