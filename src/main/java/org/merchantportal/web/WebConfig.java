package org.merchantportal.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Web glue shared by every page.
 * <p>
 * Static files are served from their own few paths only, not Spring Boot's default
 * {@code /**}: every link a template builds ({@code @{…}}) is offered to the resource
 * chain for rewriting, and under {@code /**} each of the ~250 links of an Orders page was
 * looked up as a file on the class path (and missed, uncached). Under these paths only
 * the stylesheet, scripts, htmx and the icon are, and their links carry a version (a hash
 * of the content, or the webjar's version), so browsers may keep them for a year.
 * {@code spring.web.resources.add-mappings=false} turns Boot's default mapping off.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	/** Where the portal's own static files are, and nothing else. */
	static final String[] STATIC_PATHS = { "/css/**", "/js/**", "/webjars/**", "/favicon.*" };

	/** The same paths as servlet URL patterns: served without a session. */
	static final String[] STATIC_FILES = { "/css/*", "/js/*", "/webjars/*", "/favicon.ico", "/favicon.svg" };

	private static final CacheControl VERSIONED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();

	/**
	 * Runs right after the session filter (Spring Session's, where sessions are shared),
	 * before security.
	 */
	@Bean
	FilterRegistrationBean<StaticFilesWithoutSession> staticFilesWithoutSession() {
		FilterRegistrationBean<StaticFilesWithoutSession> registration = new FilterRegistrationBean<>(
				new StaticFilesWithoutSession());
		registration.addUrlPatterns(STATIC_FILES);
		// The merchant API is stateless: a browser's session cookie on a call is ignored.
		registration.addUrlPatterns("/ordermanagement/*");
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	/**
	 * Inside the database's 503 (written as it is), outside the session filter and
	 * security, which write their headers through it.
	 */
	@Bean
	FilterRegistrationBean<CompressedResponses> compressedResponses() {
		FilterRegistrationBean<CompressedResponses> registration = new FilterRegistrationBean<>(
				new CompressedResponses());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		versioned(registry, "/css/**", "classpath:/static/css/");
		versioned(registry, "/js/**", "classpath:/static/js/");
		// The icon keeps its name: browsers ask for it by name, and it may be fetched
		// before logging in.
		registry.addResourceHandler("/favicon.*")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
			.resourceChain(true);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(VERSIONED)
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}

	/** Files whose links carry a hash of their content: portal-1a2b….css. */
	private static void versioned(ResourceHandlerRegistry registry, String pattern, String location) {
		registry.addResourceHandler(pattern)
			.addResourceLocations(location)
			.setCacheControl(VERSIONED)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// One URL answers a whole page or an htmx fragment: caches must tell them apart.
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.addHeader("Vary", HtmxRequestHeader.HX_REQUEST.getValue());
				return true;
			}
		}).excludePathPatterns(STATIC_PATHS);
	}

}
