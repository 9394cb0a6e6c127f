package org.merchantportal.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: the languages of its switch, and the page to show
 * again once one is chosen.
 */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

	@ModelAttribute("languages")
	List<Locale> languages() {
		return Languages.SUPPORTED;
	}

	/**
	 * The page as it was asked for: path and query, for the language switch to return to.
	 */
	@ModelAttribute("currentPage")
	String currentPage(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI().substring(request.getContextPath().length())
				+ ((query != null) ? "?" + query : "");
	}

}
