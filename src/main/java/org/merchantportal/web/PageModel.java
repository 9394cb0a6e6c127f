package org.merchantportal.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: the languages of its switch, and the page to show
 * again once one is chosen, added to every controller's model (an exception handler,
 * whose model starts empty, adds them with {@link #addTo}); and who is signed in, which
 * the layout asks of {@link #viewer()}.
 */
@ControllerAdvice(annotations = Controller.class)
public class PageModel {

	/** Adds what the layout needs to an exception handler's model. */
	public static void addTo(Model model, HttpServletRequest request) {
		model.addAttribute("languages", Languages.SUPPORTED);
		model.addAttribute("currentPage", currentPageOf(request));
	}

	/**
	 * Who is signed in, asked by the layout itself ({@code @pageModel.viewer()}) once per
	 * page, so that every page has it, whatever its model holds.
	 */
	public Viewer viewer() {
		return Viewer.current();
	}

	@ModelAttribute("languages")
	List<Locale> languages() {
		return Languages.SUPPORTED;
	}

	/**
	 * The page as it was asked for (path and query), for the language switch to return
	 * to: for an error page, the address that failed; for the answer to a form sent, the
	 * Orders page, since the form's address may take no GET.
	 */
	@ModelAttribute("currentPage")
	String currentPage(HttpServletRequest request) {
		return currentPageOf(request);
	}

	private static String currentPageOf(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (failed instanceof String uri) {
			return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
		}
		if (!"GET".equals(request.getMethod())) {
			return "/orders";
		}
		String query = request.getQueryString();
		return request.getRequestURI().substring(request.getContextPath().length())
				+ ((query != null) ? "?" + query : "");
	}

	/**
	 * Whether someone is signed in, and as an admin, for the layout's navigation: read
	 * once from the security context. (Asked by {@code sec:authorize} and
	 * {@code #authorization} instead, each of the two looked up the expression handler
	 * and parsed its expression on every page: 4% of the Orders page's time.)
	 */
	public record Viewer(boolean signedIn, boolean admin) {

		private static final String ADMIN = "ROLE_ADMIN";

		static Viewer current() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication == null || !authentication.isAuthenticated()
					|| authentication instanceof AnonymousAuthenticationToken) {
				return new Viewer(false, false);
			}
			boolean admin = authentication.getAuthorities()
				.stream()
				.anyMatch((authority) -> ADMIN.equals(authority.getAuthority()));
			return new Viewer(true, admin);
		}

	}

}
