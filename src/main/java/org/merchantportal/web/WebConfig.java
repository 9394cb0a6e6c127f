package org.merchantportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Web glue shared by every page.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	/** The portal's own static files: served without a session. */
	static final String[] STATIC_FILES = { "/css/*", "/js/*", "/images/*", "/webjars/*", "/favicon.ico",
			"/favicon.svg" };

	/**
	 * Runs right after the session filter (Spring Session's, where sessions are shared),
	 * before security.
	 */
	@Bean
	FilterRegistrationBean<StaticFilesWithoutSession> staticFilesWithoutSession() {
		FilterRegistrationBean<StaticFilesWithoutSession> registration = new FilterRegistrationBean<>(
				new StaticFilesWithoutSession());
		registration.addUrlPatterns(STATIC_FILES);
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		// One URL answers a whole page or an htmx fragment: caches must tell them apart.
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.addHeader("Vary", "HX-Request");
				return true;
			}
		}).excludePathPatterns("/css/**", "/js/**", "/webjars/**", "/favicon.*");
	}

}
