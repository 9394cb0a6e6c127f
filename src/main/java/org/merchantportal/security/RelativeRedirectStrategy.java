package org.merchantportal.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.RedirectStrategy;

/**
 * Redirects to the path and query of a URL only, never to its scheme, host or port. After
 * login Spring Security returns to the page that asked for it through the saved request's
 * URL, which it builds from the request's Host (or a forwarded host): taken as it is, a
 * forged {@code Host: evil.example} would send the freshly logged-in user there. Every
 * redirect of the portal is to itself, so the path is all it needs.
 */
final class RelativeRedirectStrategy implements RedirectStrategy {

	@Override
	public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
		response.sendRedirect(response.encodeRedirectURL(pathOf(request, url)));
	}

	/**
	 * The path and query of the URL; a URL without scheme and host is relative to the
	 * context path, as Spring Security's default strategy reads it.
	 */
	static String pathOf(HttpServletRequest request, String url) {
		String home = request.getContextPath() + "/";
		try {
			URI uri = new URI(url);
			String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
			if (uri.getScheme() == null && uri.getRawAuthority() == null) {
				path = request.getContextPath() + (path.startsWith("/") ? "" : "/") + path;
			}
			if (path.isEmpty() || !path.startsWith("/") || path.startsWith("//")) {
				return home; // "//host/…" would be read by a browser as another host
			}
			return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		}
		catch (URISyntaxException ex) {
			return home;
		}
	}

}
