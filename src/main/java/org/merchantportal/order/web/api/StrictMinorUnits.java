package org.merchantportal.order.web.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * An amount in minor units exactly as JSON wrote it: an integer. Jackson would otherwise
 * truncate {@code 10.5} to 10 and read {@code "1000"} as 1000; money must never be
 * guessed at, so both are refused (400).
 */
class StrictMinorUnits extends ValueDeserializer<Long> {

	@Override
	public Long deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
			return context.reportInputMismatch(Long.class, "An amount must be an integer in minor units");
		}
		return parser.getLongValue();
	}

}
