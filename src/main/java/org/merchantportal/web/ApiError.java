package org.merchantportal.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An error of the merchant API, shaped as Klarna's Order Management API answers them: a
 * code a program can switch on, messages for a person, and a correlation id that is also
 * in the server log, so that support can find the request. Nothing else reaches the
 * client: no stack trace, class name or SQL.
 */
public record ApiError(@JsonProperty("error_code") String errorCode,
		@JsonProperty("error_messages") List<String> errorMessages,
		@JsonProperty("correlation_id") String correlationId) {

	private static final Logger log = LoggerFactory.getLogger(ApiError.class);

	/** A new error with its own correlation id, logged with that id. */
	public static ApiError of(HttpStatus status, String code, String message) {
		ApiError error = new ApiError(code, List.of(message), UUID.randomUUID().toString());
		log.info("API {} {}: {} (correlation_id {})", status.value(), code, message, error.correlationId());
		return error;
	}

	public static ResponseEntity<ApiError> response(HttpStatus status, String code, String message) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(of(status, code, message));
	}

	/** For the security filters, which answer before any controller. */
	public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String code,
			String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), of(status, code, message));
	}

}
