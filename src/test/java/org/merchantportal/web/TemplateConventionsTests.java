package org.merchantportal.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every template keeps to, so that a concern has one place: htmx attributes with an
 * expression go through htmx-spring-boot's dialect ({@code hx:get}, {@code hx:post}), and
 * a badge is written by {@code fragments/badge.html} alone.
 */
class TemplateConventionsTests {

	private static final Map<String, String> templates = new LinkedHashMap<>();

	@BeforeAll
	static void readTemplates() throws IOException {
		for (Resource template : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:templates/**/*.html")) {
			String path = template.getURL().getPath();
			try (InputStream in = template.getInputStream()) {
				templates.put(path.substring(path.indexOf("templates/")),
						new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(templates).containsKeys("templates/fragments/badge.html", "templates/orders/list.html",
				"templates/orders/dialogs.html");
	}

	@Test
	void setHtmxAttributesThroughTheDialectNotThAttr() {
		Pattern htmxThroughThAttr = Pattern.compile("th:(attr|attrappend|attrprepend)=\"[^\"]*\\bhx-|th:hx-");
		assertThat(templates).allSatisfy((path, html) -> assertThat(htmxThroughThAttr.matcher(html).find())
			.as("%s sets an htmx attribute with th:attr; use hx:… of htmx-spring-boot", path)
			.isFalse());
	}

	@Test
	void writeBadgesOnlyThroughTheBadgeFragment() {
		Pattern badgeMarkup = Pattern.compile("class=\"badge\\b|\\|badge |'badge ");
		assertThat(templates).allSatisfy((path, html) -> {
			if (!path.equals("templates/fragments/badge.html")) {
				assertThat(badgeMarkup.matcher(html).find())
					.as("%s writes a badge itself; use fragments/badge :: badge or badges", path)
					.isFalse();
			}
		});
		assertThat(badgeMarkup.matcher(templates.get("templates/fragments/badge.html")).find()).isTrue();
	}

}
