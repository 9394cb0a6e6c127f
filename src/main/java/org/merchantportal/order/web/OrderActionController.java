package org.merchantportal.order.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.LocalizedException;
import org.merchantportal.i18n.Messages;
import org.merchantportal.order.ActionOutcome;
import org.merchantportal.order.IdempotencyKeyException;
import org.merchantportal.order.InvalidAmountException;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderActionRefusedException;
import org.merchantportal.order.OrderDetails;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.order.RefundReason;
import org.merchantportal.order.Staff;
import org.merchantportal.security.PortalUserDetails;

import org.springframework.context.i18n.LocaleContextHolder;
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
 * bad input 422, with the dialog shown again and nothing changed.
 */
@Controller
class OrderActionController {

	private final OrderService orders;

	private final Messages messages;

	private final OrderViewModel views;

	private final Clock clock;

	OrderActionController(OrderService orders, Messages messages, OrderViewModel views, Clock clock) {
		this.orders = orders;
		this.messages = messages;
		this.views = views;
		this.clock = clock;
	}

	// --- Dialogs -----------------------------------------------------------------

	@GetMapping("/orders/{orderId}/cancel")
	String cancelDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, order(user, orderId), OrderAction.CANCEL, null, htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/captures/new")
	String captureDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model, Locale locale) {
		Order order = order(user, orderId);
		return dialog(user, order, OrderAction.CAPTURE,
				new CaptureForm(newKey(), "amount", order.getRemaining().toPlainString(locale), List.of(), List.of()),
				htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/refunds/new")
	String refundDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model, Locale locale) {
		Order order = order(user, orderId);
		return dialog(
				user, order, OrderAction.REFUND, new RefundForm(newKey(), "amount",
						order.getRefundable().toPlainString(locale), List.of(), List.of(), null, null),
				htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/release-authorization")
	String releaseDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, order(user, orderId), OrderAction.RELEASE_AUTHORIZATION, null, htmx, response, model);
	}

	@GetMapping("/orders/{orderId}/extend-authorization")
	String extendDialog(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		return dialog(user, order(user, orderId), OrderAction.EXTEND_AUTHORIZATION, null, htmx, response, model);
	}

	// --- Actions -------------------------------------------------------------------

	@PostMapping("/orders/{orderId}/cancel")
	String cancel(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.CANCEL, null, idempotencyKey,
				() -> this.orders.cancel(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, response, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/captures")
	String capture(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, CaptureForm form,
			HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse response, Model model,
			RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.CAPTURE, form.shownAgain(), form.idempotencyKey(), () -> {
			if (form.byLines()) {
				return this.orders.captureLines(staff, orderId, form.idempotencyKey(),
						LineQuantities.parse(form.line(), form.quantity()));
			}
			return this.orders.capture(staff, orderId, form.idempotencyKey(),
					(currency) -> Money.parse(form.amount(), currency), null);
		}, new Response(htmx, htmxResponse, response, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/refunds")
	String refund(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId, RefundForm form,
			HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse response, Model model,
			RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.REFUND, form.shownAgain(), form.idempotencyKey(), () -> {
			RefundReason reason = parseReason(form.reason());
			if (form.byLines()) {
				return this.orders.refundLines(staff, orderId, form.idempotencyKey(),
						LineQuantities.parse(form.line(), form.quantity()), reason, form.note());
			}
			return this.orders.refund(staff, orderId, form.idempotencyKey(),
					(currency) -> Money.parse(form.amount(), currency), reason, form.note());
		}, new Response(htmx, htmxResponse, response, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/release-authorization")
	String release(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.RELEASE_AUTHORIZATION, null, idempotencyKey,
				() -> this.orders.releaseRemainingAuthorization(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, response, model, redirect, locale));
	}

	@PostMapping("/orders/{orderId}/extend-authorization")
	String extend(@AuthenticationPrincipal PortalUserDetails user, @PathVariable UUID orderId,
			@RequestParam(required = false) String idempotencyKey, HtmxRequest htmx, HtmxResponse htmxResponse,
			HttpServletResponse response, Model model, RedirectAttributes redirect, Locale locale) {
		Staff staff = OrderWeb.staff(user);
		return act(user, orderId, OrderAction.EXTEND_AUTHORIZATION, null, idempotencyKey,
				() -> this.orders.extendAuthorization(staff, orderId, idempotencyKey),
				new Response(htmx, htmxResponse, response, model, redirect, locale));
	}

	// --- Shared -------------------------------------------------------------------

	/** What a handler answers with, passed along as one. */
	private record Response(HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse servlet, Model model,
			RedirectAttributes redirect, Locale locale) {
	}

	/**
	 * Runs the action and answers with its outcome, or with its dialog again.
	 * @param shownForm the form as the dialog shows it again after a refusal (each field
	 * cut to what its input takes), or null for a dialog without fields
	 */
	private String act(PortalUserDetails user, UUID orderId, OrderAction action, Object shownForm, String key,
			Supplier<ActionOutcome> operation, Response response) {
		Map<String, String> errors = new HashMap<>();
		HttpStatus status;
		try {
			ActionOutcome outcome = operation.get();
			if (!response.htmx().isHtmxRequest()) {
				OrderSummary order = (outcome.order() != null) ? outcome.order()
						: OrderSummary.of(order(user, orderId));
				response.redirect().addFlashAttribute("message", describe(outcome, order, response.locale()));
				return "redirect:/orders/" + orderId;
			}
			response.htmxResponse().addTriggerAfterSettle("orderActionDone");
			Model model = response.model();
			OrderSummary order = addOrderShown(user, orderId, outcome.order(), response.htmx(), model);
			model.addAttribute("message", describe(outcome, order, response.locale()));
			addViewer(user, model);
			addUpdate(order, user, model);
			return "orders/dialogs :: done";
		}
		catch (InvalidAmountException ex) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
			errors.put("amount", this.messages.get(ex, response.locale()));
		}
		catch (LineQuantities.InvalidQuantityException ex) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
			errors.put("lines", this.messages.get(ex, response.locale()));
			response.model().addAttribute("errorLine", ex.line());
		}
		catch (InvalidReasonException ex) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
			errors.put("reason", this.messages.get(ex, response.locale()));
		}
		catch (OrderActionRefusedException ex) {
			status = ex.isAboutInput() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT;
			if (ex.isAboutInput()) {
				errors.put(ex.field(), this.messages.get(ex, response.locale()));
				response.model().addAttribute("errorLine", ex.line());
			}
			else {
				response.model().addAttribute("refusal", this.messages.get(ex, response.locale()));
				response.model().addAttribute("refusalCode", ex.code().name());
			}
		}
		catch (IdempotencyKeyException ex) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
			response.model().addAttribute("refusal", this.messages.get(ex, response.locale()));
			key = newKey();
		}
		response.model().addAttribute("errors", errors);
		// A key the portal could not have made is not kept: the form gets a fresh one.
		response.model().addAttribute("idempotencyKey", OrderService.isWellFormedKey(key) ? key : newKey());
		response.servlet().setStatus(status.value());
		Order order = order(user, orderId);
		String view = render(user, order, action, shownForm, response.htmx(), response.model());
		if (status == HttpStatus.CONFLICT && response.htmx().isHtmxRequest()) {
			// The order changed under the dialog: show its current row or details too.
			OrderSummary shown = addOrderShown(user, orderId, OrderSummary.of(order), response.htmx(),
					response.model());
			addUpdate(shown, user, response.model());
			return "orders/dialogs :: refused";
		}
		return view;
	}

	private String dialog(PortalUserDetails user, Order order, OrderAction action, Object form, HtmxRequest htmx,
			HttpServletResponse response, Model model) {
		model.addAttribute("errors", Map.of());
		model.addAttribute("idempotencyKey", newKey());
		String view = render(user, order, action, form, htmx, model);
		if (model.getAttribute("refusal") != null) {
			response.setStatus(HttpStatus.CONFLICT.value());
		}
		return view;
	}

	private String render(PortalUserDetails user, Order order, OrderAction action, Object form, HtmxRequest htmx,
			Model model) {
		model.addAttribute("order", order);
		model.addAttribute("action", action);
		model.addAttribute("form", form);
		model.addAttribute("reasons", RefundReason.values());
		addViewer(user, model);
		if (model.getAttribute("refusal") == null
				&& !order.availableActions(user.role(), this.clock.instant()).contains(action)) {
			String reason = user.role().mayActOnOrders() ? "action.unavailable" : "action.notPermitted";
			model.addAttribute("refusal", this.messages.get(reason, LocaleContextHolder.getLocale()));
		}
		String fragment = ActionDialog.of(action).getFragment();
		model.addAttribute("dialog", fragment);
		return htmx.isHtmxRequest() ? "orders/dialogs :: " + fragment : "orders/action";
	}

	private Order order(PortalUserDetails user, UUID orderId) {
		return this.orders.get(OrderWeb.staff(user), orderId);
	}

	/**
	 * The order as the page the request came from shows it after an action: its row on
	 * the Orders page (from the order as the action left it, when known), or its details
	 * (with the newest page of its timeline) on its own.
	 * @param known the order as the action left it, or null to read it
	 */
	private OrderSummary addOrderShown(PortalUserDetails user, UUID orderId, OrderSummary known, HtmxRequest htmx,
			Model model) {
		boolean onDetailsPage = isDetailsPage(htmx, orderId);
		model.addAttribute("onDetailsPage", onDetailsPage);
		model.addAttribute("orderId", orderId);
		if (onDetailsPage) {
			OrderDetails details = this.orders.details(OrderWeb.staff(user), orderId);
			OrderWeb.addDetails(details, model);
			return OrderSummary.of(details.order());
		}
		return (known != null) ? known : OrderSummary.of(order(user, orderId));
	}

	private void addViewer(PortalUserDetails user, Model model) {
		model.addAttribute("role", user.role());
		model.addAttribute("now", this.clock.instant());
	}

	/**
	 * What replaces the order's row (as a list of one, see orders/list.html) or the menu
	 * of its details, out of band, after an action or a refusal.
	 */
	private void addUpdate(OrderSummary summary, PortalUserDetails user, Model model) {
		Instant now = (Instant) model.getAttribute("now");
		model.addAttribute("rows", this.views.row(summary, user.role(), now));
		model.addAttribute("menu", this.views.menu(summary, user.role(), now));
	}

	private String describe(ActionOutcome outcome, OrderSummary order, Locale locale) {
		String code = (outcome.changed() ? "action.done." : "action.unchanged.") + outcome.action().name();
		return this.messages.get(code, locale, order.merchantReference(),
				(outcome.amount() != null) ? outcome.amount() : "",
				(outcome.expiresOn() != null) ? outcome.expiresOn() : "");
	}

	private static boolean isDetailsPage(HtmxRequest htmx, UUID orderId) {
		String current = htmx.getCurrentUrl();
		if (current == null) {
			return false;
		}
		try {
			return ("/orders/" + orderId).equals(URI.create(current).getPath());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
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

	private String newKey() {
		return OrderService.newFormKey(this.clock.instant());
	}

	static class InvalidReasonException extends LocalizedException {

		InvalidReasonException(String code) {
			super(code);
		}

	}

}
