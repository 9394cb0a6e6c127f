package org.merchantportal.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Static files live under their own few paths only, so that building any other link never
 * consults the resource chain (under Spring Boot's default {@code /**} every link of a
 * page was looked up as a class-path file); their links carry a version, and browsers may
 * keep them for a year.
 */
@SpringBootTest(properties = "portal.demo-data=false")
@AutoConfigureMockMvc
class StaticResourcesTests {

	private static final Pattern LINKS = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	ResourceUrlProvider resources;

	@Test
	void onlyTheStaticPathsAreResourceHandlers() {
		assertThat(this.resources.getHandlerMap()).containsOnlyKeys(WebConfig.STATIC_PATHS);
		assertThat(this.resources.getForLookupPath("/orders/0b5e7f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b/cancel")).isNull();
		assertThat(this.resources.getForLookupPath("/orders")).isNull();
	}

	@Test
	void pagesLinkVersionedFilesThatAreServedForAYear() throws Exception {
		String page = this.mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
		Matcher links = LINKS.matcher(page);
		int found = 0;
		while (links.find()) {
			String link = links.group(1);
			assertThat(link).as("a versioned link").matches(".*(-[0-9a-f]{32}\\.(css|js)|/htmx.org/[0-9.]+/.*)$");
			MockHttpServletResponse file = this.mvc.perform(get(link)).andReturn().getResponse();
			assertThat(file.getStatus()).as(link).isEqualTo(200);
			assertThat(file.getHeader("Cache-Control")).as(link).isEqualTo("max-age=31536000, public");
			found++;
		}
		assertThat(found).as("the stylesheet, htmx and the portal's script").isEqualTo(3);
	}

	@Test
	void theIconIsServedByItsNameBeforeLoggingIn() throws Exception {
		MockHttpServletResponse icon = this.mvc.perform(get("/favicon.svg")).andReturn().getResponse();

		assertThat(icon.getStatus()).isEqualTo(200);
		assertThat(icon.getContentType()).isEqualTo("image/svg+xml");
		assertThat(icon.getHeader("Cache-Control")).isEqualTo("max-age=86400, public");
	}

}
