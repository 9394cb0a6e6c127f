package org.merchantportal.order.web;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.merchantportal.i18n.Messages;
import org.merchantportal.order.IdempotencyKeyException;
import org.merchantportal.order.InvalidAmountException;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderAction;
import org.merchantportal.order.OrderActionRefusedException;
import org.merchantportal.order.OrderService;
import org.merchantportal.order.OrderSummary;
import org.merchantportal.security.PortalUserDetails;
import org.merchantportal.web.PageModel;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Turns a refused or invalid order action into its answer, for htmx and for a plain form
 * alike: bad input (an amount, a line's quantity, a reason, a form's key) is 422, an
 * action the order's state refuses is 409, and either shows the action's dialog again,
 * with what was entered and why, and nothing changed. A 409 to htmx also updates the
 * order's row or details out of band, since the order changed under the dialog.
 */
@ControllerAdvice(assignableTypes = OrderActionController.class)
class OrderActionRefusals {

	private final OrderActionPages pages;

	private final Messages messages;

	OrderActionRefusals(OrderActionPages pages, Messages messages) {
		this.pages = pages;
		this.messages = messages;
	}

	/**
	 * An action asked for, as its dialog shows it again if it is refused.
	 *
	 * @param shownForm the form as the dialog shows it again (each field cut to what its
	 * input takes), or null for a dialog without fields
	 */
	record Attempt(PortalUserDetails user, UUID orderId, OrderAction action, Object shownForm, String key) {

		private static final String ATTRIBUTE = Attempt.class.getName();

		/** Kept with the request, for a refusal to find. */
		void remember() {
			RequestContextHolder.currentRequestAttributes()
				.setAttribute(ATTRIBUTE, this, RequestAttributes.SCOPE_REQUEST);
		}

		static Attempt of(HttpServletRequest request) {
			if (!(request.getAttribute(ATTRIBUTE) instanceof Attempt attempt)) {
				throw new IllegalStateException("A refusal of an action that was never attempted");
			}
			return attempt;
		}

	}

	@ExceptionHandler(InvalidAmountException.class)
	String invalidAmount(InvalidAmountException ex, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		return invalid(Map.of("amount", this.messages.get(ex, locale)), request, response, model);
	}

	@ExceptionHandler(LineQuantities.InvalidQuantityException.class)
	String invalidQuantity(LineQuantities.InvalidQuantityException ex, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale) {
		model.addAttribute("errorLine", ex.line());
		return invalid(Map.of("lines", this.messages.get(ex, locale)), request, response, model);
	}

	@ExceptionHandler(OrderActionController.InvalidReasonException.class)
	String invalidReason(OrderActionController.InvalidReasonException ex, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale) {
		return invalid(Map.of("reason", this.messages.get(ex, locale)), request, response, model);
	}

	@ExceptionHandler(OrderActionRefusedException.class)
	String refused(OrderActionRefusedException ex, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		if (ex.isAboutInput()) {
			model.addAttribute("errorLine", ex.line());
			return invalid(Map.of(ex.field(), this.messages.get(ex, locale)), request, response, model);
		}
		model.addAttribute("refusal", this.messages.get(ex, locale));
		model.addAttribute("refusalCode", ex.code().name());
		Attempt attempt = Attempt.of(request);
		return shownAgain(attempt, HttpStatus.CONFLICT, Map.of(), attempt.key(), request, response, model);
	}

	/** A key the portal could not have made, or one already used for other input. */
	@ExceptionHandler(IdempotencyKeyException.class)
	String badKey(IdempotencyKeyException ex, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		model.addAttribute("refusal", this.messages.get(ex, locale));
		return shownAgain(Attempt.of(request), HttpStatus.UNPROCESSABLE_CONTENT, Map.of(), this.pages.newKey(), request,
				response, model);
	}

	private String invalid(Map<String, String> errors, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Attempt attempt = Attempt.of(request);
		return shownAgain(attempt, HttpStatus.UNPROCESSABLE_CONTENT, errors, attempt.key(), request, response, model);
	}

	private String shownAgain(Attempt attempt, HttpStatus status, Map<String, String> errors, String key,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PageModel.addTo(model, request);
		model.addAttribute("errors", errors);
		// A key the portal could not have made is not kept: the form gets a fresh one.
		model.addAttribute("idempotencyKey", OrderService.isWellFormedKey(key) ? key : this.pages.newKey());
		response.setStatus(status.value());
		HtmxRequest htmx = HtmxRequest.fromRequest(request);
		Order order = this.pages.order(attempt.user(), attempt.orderId());
		String view = this.pages.render(attempt.user(), order, attempt.action(), attempt.shownForm(), htmx, model);
		if (status == HttpStatus.CONFLICT && htmx.isHtmxRequest()) {
			// The order changed under the dialog: show its current row or details too.
			OrderSummary shown = this.pages.addOrderShown(attempt.user(), attempt.orderId(), OrderSummary.of(order),
					htmx, model);
			this.pages.addUpdate(shown, attempt.user(), model);
			return "orders/dialogs :: refused";
		}
		return view;
	}

}
