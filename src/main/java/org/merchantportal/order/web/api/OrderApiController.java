package org.merchantportal.order.web.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.ActionOutcome;
import org.merchantportal.order.LineQuantity;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderEvent;
import org.merchantportal.order.InvalidFilterException;
import org.merchantportal.order.OrderEventType;
import org.merchantportal.order.OrderFilter;
import org.merchantportal.order.OrderSearch;
import org.merchantportal.order.OrderLine;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.RefundReason;
import org.merchantportal.order.Staff;
import org.merchantportal.order.web.api.ActionRequests.CaptureRequest;
import org.merchantportal.order.web.api.ActionRequests.CreateOrderRequest;
import org.merchantportal.order.web.api.ActionRequests.LineRequest;
import org.merchantportal.order.web.api.ActionRequests.MerchantReferencesRequest;
import org.merchantportal.order.web.api.ActionRequests.RefundRequest;
import org.merchantportal.order.web.api.OrderResource.Capture;
import org.merchantportal.order.web.api.OrderResource.Refund;
import org.merchantportal.security.ApiClient;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The merchant API, compatible with Klarna's Order Management API v1: the merchant's own
 * systems read and manage its orders, authenticated by an API credential (see
 * SecurityConfig). It calls the same {@link OrderService} as the pages, so the order's
 * own rules decide both, and the same idempotency keys: a {@code Klarna-Idempotency-Key}
 * repeated replays the first answer, and a page's form and an API call can never double
 * an action between them. What it does shows on the timeline as "via API (credential
 * name)".
 */
@RestController
@RequestMapping(path = "/ordermanagement/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderApiController {

	static final String IDEMPOTENCY_KEY = "Klarna-Idempotency-Key";

	/** Klarna's limit for a capture's or refund's description and reference. */
	static final int MAX_TEXT_LENGTH = 255;

	private static final String BASE = "/ordermanagement/v1/orders/";

	/** Orders per page of the list, at most. */
	static final int LIST_SIZE = 100;

	private final OrderService orders;

	private final OrderSearch search;

	private final MerchantRepository merchants;

	OrderApiController(OrderService orders, OrderSearch search, MerchantRepository merchants) {
		this.orders = orders;
		this.search = search;
		this.merchants = merchants;
	}

	/**
	 * The merchant's orders, newest first, a page at a time (our extension, for
	 * reconciliation): by status, by the start of the merchant reference, after a cursor.
	 * One query per page, whatever the number of orders.
	 */
	@GetMapping
	OrderListResource list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String status,
			@RequestParam(name = "merchant_reference", required = false) String merchantReference,
			@RequestParam(required = false) String after, @RequestParam(required = false) Integer size) {
		int pageSize = (size == null) ? LIST_SIZE : size;
		if (pageSize < 1 || pageSize > LIST_SIZE) {
			throw new ApiErrors.BadValueException("size must be between 1 and " + LIST_SIZE + ".");
		}
		String reference = (merchantReference == null || merchantReference.isBlank()) ? null
				: merchantReference.strip();
		OrderFilter filter;
		try {
			filter = OrderFilter.parse(reference, status, null, null, after, null);
		}
		catch (InvalidFilterException ex) {
			throw new ApiErrors.BadValueException(
					"status must be one of AUTHORIZED, PART_CAPTURED, CAPTURED, CANCELLED, EXPIRED, CLOSED, and "
							+ "after the next link of a previous page.");
		}
		OrderSearch.OrderPage page = this.search.find(client.merchantId(), filter, pageSize);
		// The search matches the start of any searchable field; the API filters by the
		// reference alone.
		List<OrderListResource.Item> orders = page.orders()
			.stream()
			.filter((order) -> reference == null || order.merchantReference()
				.toLowerCase(Locale.ROOT)
				.startsWith(reference.toLowerCase(Locale.ROOT)))
			.map(OrderListResource.Item::of)
			.toList();
		String next = null;
		if (page.next() != null) {
			next = UriComponentsBuilder.fromPath("/ordermanagement/v1/orders")
				.queryParamIfPresent("status", Optional.ofNullable(status))
				.queryParamIfPresent("merchant_reference", Optional.ofNullable(reference))
				.queryParam("after", page.next().encode())
				.queryParamIfPresent("size", Optional.ofNullable(size))
				.encode()
				.build()
				.toUriString();
		}
		return new OrderListResource(orders, next);
	}

	/**
	 * Our extension, not Klarna's: places an authorized order as a checkout would. It
	 * expires in 28 days and is on the Orders page at once.
	 */
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping
	ResponseEntity<Map<String, String>> place(@AuthenticationPrincipal ApiClient client,
			@RequestBody CreateOrderRequest body, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			HttpServletRequest request) {
		Currency currency = this.merchants.findById(client.merchantId()).orElseThrow().getCurrency();
		UUID orderId = this.orders.place(staff(client, request), key(key), NewOrders.of(body, currency));
		return ResponseEntity.created(URI.create(BASE + orderId)).body(Map.of("order_id", orderId.toString()));
	}

	@GetMapping("/{orderId}")
	OrderResource order(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			HttpServletRequest request) {
		return OrderResource.of(this.orders.getWithTimeline(staff(client, request), orderId));
	}

	// --- Captures ---------------------------------------------------------------------

	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping("/{orderId}/captures")
	ResponseEntity<Void> capture(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestBody CaptureRequest body, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			HttpServletRequest request) {
		Staff staff = staff(client, request);
		long amount = positive(body.capturedAmount(), "captured_amount");
		String description = text(body.description(), "description");
		ActionOutcome outcome;
		if (body.orderLines() != null && !body.orderLines().isEmpty()) {
			List<LineQuantity> lines = lines(body.orderLines(), this.orders.get(staff, orderId), amount,
					"captured_amount");
			outcome = this.orders.captureLines(staff, orderId, key(key), lines, description);
		}
		else {
			outcome = this.orders.capture(staff, orderId, key(key), (currency) -> Money.of(amount, currency),
					description);
		}
		return created(orderId, "captures", "Capture-Id", outcome.eventId());
	}

	@GetMapping("/{orderId}/captures")
	List<Capture> captures(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			HttpServletRequest request) {
		return OrderResource.of(this.orders.getWithTimeline(staff(client, request), orderId)).captures();
	}

	@GetMapping("/{orderId}/captures/{captureId}")
	Capture capture(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId, @PathVariable UUID captureId,
			HttpServletRequest request) {
		return event(client, orderId, captureId, OrderEventType.CAPTURED, request).map(Capture::of)
			.orElseThrow(() -> new ApiErrors.NotFoundException("NO_SUCH_CAPTURE", "The capture does not exist."));
	}

	// --- Refunds ----------------------------------------------------------------------

	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping("/{orderId}/refunds")
	ResponseEntity<Void> refund(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestBody RefundRequest body, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
			HttpServletRequest request) {
		Staff staff = staff(client, request);
		long amount = positive(body.refundedAmount(), "refunded_amount");
		String description = text(body.description(), "description");
		String reference = text(body.reference(), "reference");
		RefundReason reason = reason(body.reason());
		// Klarna has no reason: without one it is OTHER, which needs a note.
		String note = (description != null) ? description : ((reason == RefundReason.OTHER) ? "via API" : null);
		if (reference != null) {
			note = ((note != null) ? note + " " : "") + "(reference " + reference + ")";
		}
		if (note != null && note.length() > Order.MAX_NOTE_LENGTH) {
			throw new ApiErrors.BadValueException(
					"description and reference are too long together: the refund's note takes " + Order.MAX_NOTE_LENGTH
							+ " characters.");
		}
		ActionOutcome outcome;
		if (body.orderLines() != null && !body.orderLines().isEmpty()) {
			List<LineQuantity> lines = lines(body.orderLines(), this.orders.get(staff, orderId), amount,
					"refunded_amount");
			outcome = this.orders.refundLines(staff, orderId, key(key), lines, reason, note);
		}
		else {
			outcome = this.orders.refund(staff, orderId, key(key), (currency) -> Money.of(amount, currency), reason,
					note);
		}
		return created(orderId, "refunds", "Refund-Id", outcome.eventId());
	}

	@GetMapping("/{orderId}/refunds/{refundId}")
	Refund refund(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId, @PathVariable UUID refundId,
			HttpServletRequest request) {
		return event(client, orderId, refundId, OrderEventType.REFUNDED, request).map(Refund::of)
			.orElseThrow(() -> new ApiErrors.NotFoundException("NO_SUCH_REFUND", "The refund does not exist."));
	}

	// --- Merchant references ------------------------------------------------------

	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PatchMapping("/{orderId}/merchant-references")
	ResponseEntity<Void> merchantReferences(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestBody MerchantReferencesRequest body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, HttpServletRequest request) {
		this.orders.updateMerchantReferences(staff(client, request), orderId, key(key), body.merchantReference1(),
				body.merchantReference2());
		return ResponseEntity.noContent().build();
	}

	// --- Cancel, release, extend -------------------------------------

	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PostMapping("/{orderId}/cancel")
	ResponseEntity<Void> cancel(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, HttpServletRequest request) {
		this.orders.cancel(staff(client, request), orderId, key(key));
		return ResponseEntity.noContent().build();
	}

	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PostMapping("/{orderId}/release-remaining-authorization")
	ResponseEntity<Void> release(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, HttpServletRequest request) {
		this.orders.releaseRemainingAuthorization(staff(client, request), orderId, key(key));
		return ResponseEntity.noContent().build();
	}

	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PostMapping("/{orderId}/extend-authorization-time")
	ResponseEntity<Void> extend(@AuthenticationPrincipal ApiClient client, @PathVariable UUID orderId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, HttpServletRequest request) {
		this.orders.extendAuthorization(staff(client, request), orderId, key(key));
		return ResponseEntity.noContent().build();
	}

	// --- Helpers -----------------------------------------------------

	/** The credential acts as an ORDER_MANAGER of its merchant, its ceiling. */
	static Staff staff(ApiClient client, HttpServletRequest request) {
		return new Staff(client.merchantId(), client.actor(), Role.ORDER_MANAGER, request.getRemoteAddr());
	}

	/**
	 * The request's idempotency key, or a fresh one where the client sent none (then a
	 * repeat is a new request, as on Klarna's API).
	 */
	private static String key(String header) {
		if (header == null) {
			return UUID.randomUUID().toString();
		}
		if (!OrderService.isWellFormedKey(header)) {
			throw new ApiErrors.BadValueException(
					IDEMPOTENCY_KEY + " must be 16 to 64 letters, digits, '-' or '_', e.g. a UUID.");
		}
		return header;
	}

	private static long positive(Long amount, String field) {
		if (amount == null || amount <= 0) {
			throw new ApiErrors.BadValueException(field + " must be a positive integer in minor units.");
		}
		return amount;
	}

	private static String text(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_TEXT_LENGTH
				|| value.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			throw new ApiErrors.BadValueException(
					field + " must be at most " + MAX_TEXT_LENGTH + " characters of text.");
		}
		return value.strip();
	}

	private static RefundReason reason(String reason) {
		if (reason == null) {
			return RefundReason.OTHER;
		}
		for (RefundReason candidate : RefundReason.values()) {
			if (candidate.name().equals(reason)) {
				return candidate;
			}
		}
		throw new ApiErrors.BadValueException(
				"reason must be one of RETURNED, CANCELLED_BY_CUSTOMER, DUPLICATE, FRAUD or OTHER.");
	}

	/**
	 * The lines by reference, whose total must be the amount, as Klarna requires: line
	 * prices never change, so the order as read before the action is good for the sum.
	 * Which quantities the order allows is the aggregate's to say.
	 */
	private static List<LineQuantity> lines(List<LineRequest> requested, Order order, long amount, String field) {
		Map<String, OrderLine> byReference = new HashMap<>();
		order.getLines().forEach((line) -> byReference.putIfAbsent(line.getReference(), line));
		List<LineQuantity> lines = new ArrayList<>();
		java.util.Set<String> named = new java.util.HashSet<>();
		long total = 0;
		for (LineRequest line : requested) {
			if (line == null || line.reference() == null || line.quantity() == null || line.quantity() <= 0) {
				throw new ApiErrors.BadValueException("Each order line needs a reference and a positive quantity.");
			}
			if (!named.add(line.reference())) {
				throw new ApiErrors.BadValueException("order_lines names " + line.reference() + " twice.");
			}
			OrderLine ordered = byReference.get(line.reference());
			if (ordered != null) {
				try {
					total = Math.addExact(total,
							Math.multiplyExact(ordered.getUnitPrice().minorUnits(), line.quantity()));
				}
				catch (ArithmeticException ex) {
					throw new ApiErrors.BadValueException("The order lines' quantities are too large.");
				}
			}
			lines.add(new LineQuantity(line.reference(), line.quantity()));
		}
		if (lines.stream().allMatch((line) -> byReference.containsKey(line.reference())) && total != amount) {
			throw new ApiErrors.BadValueException(
					field + " (" + amount + ") must equal the sum of order_lines (" + total + ").");
		}
		return lines;
	}

	private Optional<OrderEvent> event(ApiClient client, UUID orderId, UUID eventId, OrderEventType type,
			HttpServletRequest request) {
		Order order = this.orders.getWithTimeline(staff(client, request), orderId);
		return order.getTimeline()
			.stream()
			.filter((event) -> event.getType() == type && eventId.equals(event.getPublicId()))
			.findFirst();
	}

	private static ResponseEntity<Void> created(UUID orderId, String collection, String header, UUID id) {
		return ResponseEntity.created(URI.create(BASE + orderId + "/" + collection + "/" + id))
			.header(header, id.toString())
			.build();
	}

}
