package org.merchantportal.order.web.api;

import java.util.Set;

import org.merchantportal.i18n.Messages;
import org.merchantportal.order.IdempotencyKeyException;
import org.merchantportal.order.OrderActionRefusedException;
import org.merchantportal.order.OrderNotFoundException;
import org.merchantportal.web.ApiError;
import org.merchantportal.web.LimitedBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The merchant API's errors, as Klarna answers them ({@link ApiError}): whatever goes
 * wrong, the client gets a code, a message and a correlation id, and never a stack trace,
 * class name or SQL.
 */
@RestControllerAdvice(assignableTypes = { OrderApiController.class, UnknownApiPath.class })
@Order(Ordered.HIGHEST_PRECEDENCE) // before the pages' OrderErrors, whose package holds
									// this one
class ApiErrors {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final Messages messages;

	ApiErrors(Messages messages) {
		this.messages = messages;
	}

	/** A capture or refund the order does not have. */
	static class NotFoundException extends RuntimeException {

		private final String code;

		NotFoundException(String code, String message) {
			super(message);
			this.code = code;
		}

	}

	/** A path of the API with a method it does not take. */
	static class NotAllowedException extends RuntimeException {

		private final Set<String> allowed;

		NotAllowedException(Set<String> allowed) {
			super("This path takes " + String.join(", ", allowed) + " only.");
			this.allowed = allowed;
		}

	}

	/** A request whose Accept header excludes the API's JSON. */
	static class NotAcceptableException extends RuntimeException {

	}

	@ExceptionHandler(NotAllowedException.class)
	ResponseEntity<ApiError> notAllowed(NotAllowedException ex) {
		ResponseEntity<ApiError> error = ApiError.response(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
				ex.getMessage());
		return ResponseEntity.status(error.getStatusCode())
			.headers(error.getHeaders())
			.header(HttpHeaders.ALLOW, String.join(", ", ex.allowed))
			.body(error.getBody());
	}

	@ExceptionHandler(NotAcceptableException.class)
	ResponseEntity<ApiError> notAcceptable() {
		return ApiError.response(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "This API answers in application/json.");
	}

	/** A request the API cannot take as it is: answered 400 BAD_VALUE. */
	static class BadValueException extends RuntimeException {

		BadValueException(String message) {
			super(message);
		}

	}

	/** An unknown order, or another merchant's: the two are not told apart. */
	@ExceptionHandler(OrderNotFoundException.class)
	ResponseEntity<ApiError> noSuchOrder() {
		return ApiError.response(HttpStatus.NOT_FOUND, "NO_SUCH_ORDER", "The order does not exist.");
	}

	/** An id in the path that is no id at all: as absent as an unknown one. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiError> malformedId(MethodArgumentTypeMismatchException ex) {
		return switch (ex.getName()) {
			case "captureId" ->
				ApiError.response(HttpStatus.NOT_FOUND, "NO_SUCH_CAPTURE", "The capture does not exist.");
			case "refundId" -> ApiError.response(HttpStatus.NOT_FOUND, "NO_SUCH_REFUND", "The refund does not exist.");
			case "orderId" -> noSuchOrder();
			default -> ApiError.response(HttpStatus.BAD_REQUEST, "BAD_VALUE", ex.getName() + " is not valid.");
		};
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ApiError> notFound(NotFoundException ex) {
		return ApiError.response(HttpStatus.NOT_FOUND, ex.code, ex.getMessage());
	}

	/**
	 * The order's rules refuse the action, an amount above what it allows included:
	 * Klarna's codes (CANCEL_NOT_ALLOWED, CAPTURE_NOT_ALLOWED, REFUND_NOT_ALLOWED,
	 * NOT_ALLOWED) with the aggregate's reason.
	 */
	@ExceptionHandler(OrderActionRefusedException.class)
	ResponseEntity<ApiError> refused(OrderActionRefusedException ex) {
		String message = this.messages.api(ex);
		if (ex.field() != null && ex.field().startsWith("merchant_reference")) {
			return ApiError.response(HttpStatus.BAD_REQUEST, "BAD_VALUE", message);
		}
		return ApiError.response(HttpStatus.FORBIDDEN, ex.code().name(), message);
	}

	@ExceptionHandler(BadValueException.class)
	ResponseEntity<ApiError> badValue(BadValueException ex) {
		return ApiError.response(HttpStatus.BAD_REQUEST, "BAD_VALUE", ex.getMessage());
	}

	/** The key was used before for another request: the first one stands. */
	@ExceptionHandler(IdempotencyKeyException.class)
	ResponseEntity<ApiError> keyReused() {
		return ApiError.response(HttpStatus.CONFLICT, "CONFLICT",
				"This Klarna-Idempotency-Key was already used with another request. Use a new key for a new request.");
	}

	/** Another request holds the order (the same key still in flight, say): try again. */
	@ExceptionHandler(PessimisticLockingFailureException.class)
	ResponseEntity<ApiError> busy() {
		return ApiError.response(HttpStatus.CONFLICT, "CONFLICT",
				"Another request on this order is still in progress. Retry with the same Klarna-Idempotency-Key.");
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof LimitedBody.TooLarge) {
				return ApiError.response(HttpStatus.CONTENT_TOO_LARGE, "REQUEST_TOO_LARGE",
						"The request body is over 1 MB.");
			}
		}
		return ApiError.response(HttpStatus.BAD_REQUEST, "BAD_VALUE",
				"The request body is not valid JSON of the expected shape.");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiError> notJson() {
		return ApiError.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
				"Send the request body as application/json.");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ApiError> wrongMethod() {
		return ApiError.response(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
				"This path does not take that method.");
	}

	/** Anything else is the portal's fault: logged in full, answered without detail. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiError> unexpected(Exception ex) {
		ResponseEntity<ApiError> response = ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"Something went wrong on our side. Quote the correlation id to support.");
		log.error("Merchant API request failed (correlation_id {})", response.getBody().correlationId(), ex);
		return response;
	}

}
