package org.merchantportal.order.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.LocalizedException;
import org.merchantportal.order.ActionOutcome;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.RefundReason;
import org.merchantportal.order.Staff;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The More actions: each opens a dialog (an htmx fragment, or a page without JavaScript)
 * whose form posts the action. Success updates the order's row or details in place with a
 * status message (htmx) or redirects to the order (plain POST); a refusal answers 409 and
 * bad input 422, with the dialog shown again and nothing changed
 * ({@link OrderActionRefusals}).
 */
@Controller
class OrderActionController {

	private final OrderService orders;

	private final OrderActionPages pages;

	OrderActionController(OrderService orders, OrderActionPages pages) {
		this.orders = orders;
		this.pages = pages;
	}

	// --- Dialogs -----------------------------------------------------------------

	@GetMapping("/orders/{orderId}/cancel")
	String cancelDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, this.pages.order(user, orderId), OrderAction.CANCEL, null, htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/captures/new")
	String captureDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model, Locale locale) {
		Order order = this.pages.order(user, orderId);
		return dialog(user, order, OrderAction.CAPTURE, new CaptureForm(this.pages.newKey(), "amount",
				order.getRemaining().toPlainString(locale), List.of(), List.of()), htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/refunds/new")
	String refundDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model, Locale locale) {
		Order order = this.pages.order(user, orderId);
		return dialog(
				user, order, OrderAction.REFUND, new RefundForm(this.pages.newKey(), "amount",
						order.getRefundable().toPlainString(locale), List.of(), List.of(), null, null),
				htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/release-authorization")
	String releaseDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, this.pages.order(user, orderId), OrderAction.RELEASE_AUTHORIZATION, null, htmx, response,
				model);
	}

	@GetMapping("/orders/{orderId}/extend-authorization")
	String extendDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, this.pages.order(user, orderId), OrderAction.EXTEND_AUTHORIZATION, null, htmx, response,
				model);
	}

	// --- Actions -------------------------------------------------------------------

	@PostMapping("/orders/{orderId}/cancel")
	String cancel(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.CANCEL, null, idempotencyKey,
				() -> this.orders.cancel(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/captures")
	String capture(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, CaptureForm form,
			HtmxRequest htmx, HtmxResponse htmxResponse, Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.CAPTURE, form.shownAgain(), form.idempotencyKey(), () -> {
			if (form.byLines()) {
				return this.orders.captureLines(staff, orderId, form.idempotencyKey(),
						LineQuantities.parse(form.line(), form.quantity()));
			}
			return this.orders.capture(staff, orderId, form.idempotencyKey(),
					(currency) -> Money.parse(form.amount(), currency), null);
		}, new Response(htmx, htmxResponse, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/refunds")
	String refund(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, RefundForm form,
			HtmxRequest htmx, HtmxResponse htmxResponse, Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.REFUND, form.shownAgain(), form.idempotencyKey(), () -> {
			RefundReason reason = parseReason(form.reason());
			if (form.byLines()) {
				return this.orders.refundLines(staff, orderId, form.idempotencyKey(),
						LineQuantities.parse(form.line(), form.quantity()), reason, form.note());
			}
			return this.orders.refund(staff, orderId, form.idempotencyKey(),
					(currency) -> Money.parse(form.amount(), currency), reason, form.note());
		}, new Response(htmx, htmxResponse, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/release-authorization")
	String release(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.RELEASE_AUTHORIZATION, null, idempotencyKey,
				() -> this.orders.releaseRemainingAuthorization(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/extend-authorization")
	String extend(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.EXTEND_AUTHORIZATION, null, idempotencyKey,
				() -> this.orders.extendAuthorization(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, model, redirect, locale));
	}

	// --- Shared -------------------------------------------------------------------

	/** What a handler answers with, passed along as one. */
	private record Response(HtmxRequest htmx, HtmxResponse htmxResponse, Model model, RedirectAttributes redirect,
			Locale locale) {
	}

	/**
	 * Runs the action and answers with its outcome; a refusal or bad input is answered by
	 * {@link OrderActionRefusals}, with the dialog shown again.
	 * @param shownForm the form as the dialog shows it again after a refusal (each field
	 * cut to what its input takes), or null for a dialog without fields
	 */
	private String act(PortalUserDetails user, UUID orderId, OrderAction action, Object shownForm, String key,
			Supplier<ActionOutcome> operation, Response response) {
		new OrderActionRefusals.Attempt(user, orderId, action, shownForm, key).remember();
		ActionOutcome outcome = operation.get();
		if (!response.htmx().isHtmxRequest()) {
			OrderSummary order = (outcome.order() != null) ? outcome.order()
					: OrderSummary.of(this.pages.order(user, orderId));
			response.redirect().addFlashAttribute("message", this.pages.describe(outcome, order, response.locale()));
			return "redirect:/orders/" + orderId;
		}
		response.htmxResponse().addTriggerAfterSettle("orderActionDone");
		Model model = response.model();
		OrderSummary order = this.pages.addOrderShown(user, orderId, outcome.order(), response.htmx(), model);
		model.addAttribute("message", this.pages.describe(outcome, order, response.locale()));
		this.pages.addViewer(user, model);
		this.pages.addUpdate(order, user, model);
		return "orders/dialogs :: done";
	}

	private String dialog(PortalUserDetails user, Order order, OrderAction action, Object form, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		model.addAttribute("errors", Map.of());
		model.addAttribute("idempotencyKey", this.pages.newKey());
		String view = this.pages.render(user, order, action, form, htmx, model);
		if (model.getAttribute("refusal") != null) {
			response.setStatus(HttpStatus.CONFLICT.value());
		}
		return view;
	}

	private static RefundReason parseReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidReasonException("refund.reason.missing");
		}
		try {
			return RefundReason.valueOf(reason.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReasonException("refund.reason.unknown");
		}
	}

	static class InvalidReasonException extends LocalizedException {

		InvalidReasonException(String code) {
			super(code);
		}

	}

}
