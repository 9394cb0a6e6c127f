package org.merchantportal.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start tags of an HTML document and their attributes, read the way a browser reads
 * them (quoted values may hold anything but their quote; comments are skipped), so that a
 * test can tell markup from text that merely looks like markup once escaped.
 */
public final class HtmlTags {

	private HtmlTags() {
	}

	/**
	 * A start tag: its lower-case name and its attributes (lower-case names, raw values).
	 */
	public record Tag(String name, Map<String, String> attributes) {

		public boolean has(String attribute) {
			return this.attributes.containsKey(attribute);
		}

		public String get(String attribute) {
			return this.attributes.get(attribute);
		}

		@Override
		public String toString() {
			return "<" + this.name + " " + this.attributes + ">";
		}

	}

	public static List<Tag> of(String html) {
		List<Tag> tags = new ArrayList<>();
		int length = html.length();
		int i = 0;
		while (i < length) {
			int open = html.indexOf('<', i);
			if (open < 0 || open + 1 >= length) {
				break;
			}
			if (html.startsWith("<!--", open)) {
				int end = html.indexOf("-->", open + 4);
				i = (end < 0) ? length : end + 3;
				continue;
			}
			if (!Character.isLetter(html.charAt(open + 1))) {
				i = open + 1;
				continue;
			}
			int p = open + 1;
			while (p < length && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '>'
					&& html.charAt(p) != '/') {
				p++;
			}
			String name = html.substring(open + 1, p).toLowerCase(Locale.ROOT);
			Map<String, String> attributes = new LinkedHashMap<>();
			while (p < length) {
				while (p < length && (Character.isWhitespace(html.charAt(p)) || html.charAt(p) == '/')) {
					p++;
				}
				if (p >= length || html.charAt(p) == '>') {
					p++;
					break;
				}
				int nameStart = p;
				while (p < length && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '='
						&& html.charAt(p) != '>' && html.charAt(p) != '/') {
					p++;
				}
				String attribute = html.substring(nameStart, p).toLowerCase(Locale.ROOT);
				while (p < length && Character.isWhitespace(html.charAt(p))) {
					p++;
				}
				String value = "";
				if (p < length && html.charAt(p) == '=') {
					p++;
					while (p < length && Character.isWhitespace(html.charAt(p))) {
						p++;
					}
					if (p < length && (html.charAt(p) == '"' || html.charAt(p) == '\'')) {
						char quote = html.charAt(p);
						int end = html.indexOf(quote, p + 1);
						end = (end < 0) ? length : end;
						value = html.substring(p + 1, end);
						p = end + 1;
					}
					else {
						int valueStart = p;
						while (p < length && !Character.isWhitespace(html.charAt(p)) && html.charAt(p) != '>') {
							p++;
						}
						value = html.substring(valueStart, p);
					}
				}
				attributes.putIfAbsent(attribute, value);
			}
			tags.add(new Tag(name, attributes));
			i = p;
		}
		return tags;
	}

	/** Script elements without a src: inline script, which the CSP must never need. */
	public static List<Tag> inlineScripts(String html) {
		return of(html).stream().filter((tag) -> tag.name().equals("script") && !tag.has("src")).toList();
	}

	/** Elements with an event handler attribute (onclick=, onerror=, …). */
	public static List<Tag> eventHandlers(String html) {
		return of(html).stream()
			.filter((tag) -> tag.attributes().keySet().stream().anyMatch((name) -> name.startsWith("on")))
			.toList();
	}

}
