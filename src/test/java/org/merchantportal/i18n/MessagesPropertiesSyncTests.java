package org.merchantportal.i18n;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every language has every message of the English one, no more, each with the same
 * placeholders, and written with MessageFormat's quoting where it applies.
 */
class MessagesPropertiesSyncTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

	@ParameterizedTest
	@ValueSource(strings = { "sv", "de" })
	void hasEveryKeyOfTheEnglishMessagesAndNoOther(String language) throws IOException {
		Properties english = load("messages.properties");
		Properties translated = load("messages_" + language + ".properties");

		assertThat(translated.stringPropertyNames()).as("keys of messages_%s.properties", language)
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@ParameterizedTest
	@ValueSource(strings = { "sv", "de" })
	void keepsThePlaceholdersOfEachMessage(String language) throws IOException {
		Properties english = load("messages.properties");
		Properties translated = load("messages_" + language + ".properties");

		for (String key : english.stringPropertyNames()) {
			String value = translated.getProperty(key, "");
			assertThat(value).as("%s in %s", key, language).isNotBlank();
			assertThat(placeholders(value)).as("placeholders of %s in %s", key, language)
				.isEqualTo(placeholders(english.getProperty(key)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "_sv", "_de" })
	void quotesApostrophesOnlyWhereMessageFormatReadsThem(String suffix) throws IOException {
		Properties messages = load("messages" + suffix + ".properties");

		for (String key : messages.stringPropertyNames()) {
			String value = messages.getProperty(key);
			if (placeholders(value).isEmpty()) {
				assertThat(value).as("%s has no placeholder: written as is", key).doesNotContain("''");
			}
			else {
				assertThat(value.replace("''", "")).as("%s is formatted: its apostrophes are doubled", key)
					.doesNotContain("'");
			}
		}
	}

	private static Set<String> placeholders(String message) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(message);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(name).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
