package org.merchantportal.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every page in a pseudo-locale: each message the portal looks up comes back between ⟦
 * and ⟧, so that any English left once the bracketed parts are taken out was written
 * somewhere other than messages.properties. What remains may only be data: references,
 * names, amounts, dates. It is checked against every word of four letters or more that
 * the English messages use. (Email addresses and the names merchants give their API
 * credentials are data too.)
 */
@SpringBootTest(properties = "spring.thymeleaf.cache=false")
@AutoConfigureMockMvc
class PseudoLocalePagesTests {

	private static final Pattern BRACKETED = Pattern.compile("⟦[^⟦⟧]*⟧");

	private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");

	/** Data that may hold any word: email addresses, and names merchants gave. */
	private static final Pattern EMAIL = Pattern.compile("\\S+@\\S+");

	private static final String NAMED_BY_MERCHANT = ".credential-name, .credential-name *";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noPageShowsEnglishThatIsNotAMessage() throws Exception {
		Set<String> english = englishWords();
		MockHttpSession admin = logIn("admin@nordic-shoes.example");
		List<String> paths = new ArrayList<>(List.of("/orders", "/orders?status=CAPTURED", "/orders?q=zzzzzzzz",
				"/orders?from=not-a-date", "/users", "/api-credentials", "/account", "/no-such-page"));
		for (String status : List.of("AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED")) {
			String order = order(status);
			paths.add("/orders/" + order);
			paths.addAll(dialogsOf(admin, order));
		}

		List<String> found = new ArrayList<>();
		found.addAll(englishIn(english, "/login", answer(get("/login"), null)));
		for (String path : paths) {
			found.addAll(englishIn(english, path, answer(get(path), admin)));
		}
		String captured = order("CAPTURED");
		found.addAll(englishIn(english, "a refused refund",
				answer(post("/orders/" + captured + "/refunds").param("amount", "-1")
					.param("reason", "RETURNED")
					.param("idempotencyKey", "form_pseudo_" + System.nanoTime())
					.header("HX-Request", "true")
					.with(csrf()), admin)));

		assertThat(found).as("English outside messages.properties").isEmpty();
	}

	private List<String> englishIn(Set<String> english, String page, String html) {
		Document document = Jsoup.parse(html);
		List<String> texts = new ArrayList<>();
		for (Element element : document.getAllElements()) {
			if (element.is("script, style") || element.is(NAMED_BY_MERCHANT)) {
				continue;
			}
			for (TextNode text : element.textNodes()) {
				texts.add(text.getWholeText());
			}
			for (String attribute : List.of("title", "aria-label", "placeholder", "alt")) {
				if (element.hasAttr(attribute)) {
					texts.add(element.attr(attribute));
				}
			}
		}
		texts.add(document.title());
		List<String> found = new ArrayList<>();
		for (String text : texts) {
			String rest = text;
			for (String before = null; !rest.equals(before);) {
				before = rest;
				rest = BRACKETED.matcher(rest).replaceAll(" ");
			}
			rest = EMAIL.matcher(rest).replaceAll(" ");
			Matcher words = WORD.matcher(rest);
			while (words.find()) {
				if (english.contains(words.group().toLowerCase(Locale.ROOT))) {
					found.add(page + ": \"" + text.strip() + "\"");
					break;
				}
			}
		}
		return found;
	}

	/** The dialogs an order's More actions menu offers. */
	private List<String> dialogsOf(MockHttpSession session, String order) throws Exception {
		Set<String> dialogs = new LinkedHashSet<>();
		for (Element item : Jsoup.parse(answer(get("/orders/" + order), session)).select("a.menu-item")) {
			dialogs.add(item.attr("href"));
		}
		return List.copyOf(dialogs);
	}

	private String order(String status) {
		return this.jdbc.queryForObject(
				"select o.public_id from purchase_order o join merchant m on m.id = o.merchant_id"
						+ " where m.name = 'Nordic Shoes AB' and o.status = ? order by o.id fetch first 1 rows only",
				String.class, status);
	}

	private String answer(MockHttpServletRequestBuilder request, MockHttpSession session) throws Exception {
		if (session != null) {
			request.session(session);
		}
		MockHttpServletResponse response = this.mvc.perform(request.header("Accept-Language", "en"))
			.andReturn()
			.getResponse();
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private MockHttpSession logIn(String username) throws Exception {
		return (MockHttpSession) this.mvc
			.perform(post("/login").param("username", username).param("password", "portal-demo-2026").with(csrf()))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	/** Every word of four letters or more in the English messages. */
	private static Set<String> englishWords() throws IOException {
		Properties messages = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource("messages.properties").getInputStream(),
				StandardCharsets.UTF_8)) {
			messages.load(reader);
		}
		Set<String> words = new TreeSet<>();
		for (String name : messages.stringPropertyNames()) {
			if (!name.startsWith("format.")) {
				Matcher word = WORD.matcher(messages.getProperty(name).replaceAll("\\{[^}]*}", " "));
				while (word.find()) {
					words.add(word.group().toLowerCase(Locale.ROOT));
				}
			}
		}
		return words;
	}

	/** The portal's messages, each between ⟦ and ⟧ (the patterns of dates aside). */
	@TestConfiguration(proxyBeanMethods = false)
	static class PseudoLocale {

		@Bean
		MessageSource messageSource() {
			ResourceBundleMessageSource source = new ResourceBundleMessageSource() {

				@Override
				protected String getMessageInternal(String code, Object[] args, Locale locale) {
					String message = super.getMessageInternal(code, args, locale);
					return (message == null || code == null || code.startsWith("format.")) ? message
							: "⟦" + message + "⟧";
				}

			};
			source.setBasename("messages");
			source.setDefaultEncoding("UTF-8");
			source.setFallbackToSystemLocale(false);
			return source;
		}

	}

}
