package org.merchantportal.order.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.merchantportal.order.Order;
import org.merchantportal.order.TimelinePage;
import org.merchantportal.security.AttackFixtures;
import org.merchantportal.security.AttackTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * An order with a long history (2,000 refunds) on the real portal: its page shows the
 * newest fifty events and stays small, "Show older events" walks the rest of the timeline
 * fifty at a time with no event missed or repeated (pages also end among events of the
 * same time), as htmx fragments and as pages without JavaScript, and nothing that shows
 * the order after an action or in a dialog renders more than that page.
 */
@AttackTest
class OrderTimelinePagesTests {

	/** What a page of the order may weigh; its whole timeline took 1.25 MB. */
	static final int MAX_PAGE_BYTES = 64 * 1024;

	private static final int REFUNDS = 2_000;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	AttackFixtures fixtures;

	/** How the request is made: by htmx, or by a browser without JavaScript. */
	enum Client {

		HTMX, PLAIN;

		MockHttpServletRequestBuilder apply(MockHttpServletRequestBuilder request) {
			return (this == HTMX) ? request.header("HX-Request", "true") : request;
		}

	}

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void anOrderWithTwoThousandEventsShowsItsNewestFiftyAndShowOlderInASmallPage(Client client) throws Exception {
		Order order = longHistory();

		MockHttpServletResponse response = open(client.apply(get("/orders/" + order.getPublicId())));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray().length).isLessThan(MAX_PAGE_BYTES);
		Document page = Jsoup.parse(response.getContentAsString());
		assertThat(notes(page.select("#order-details ol.timeline").first()))
			.containsExactlyElementsOf(refundsNewestFirst(REFUNDS, REFUNDS - TimelinePage.SIZE + 1));
		assertThat(page.select("ol.timeline > li:last-child > a#timeline-older").text()).isEqualTo("Show older events");
		// Each time as HTML's grammar writes one: at most three fractional digits.
		assertThat(page.select("ol.timeline time")).isNotEmpty()
			.allSatisfy((time) -> assertThat(time.attr("datetime"))
				.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void showOlderWalksTheWholeTimelineOnceNewestFirstInSmallPages(Client client) throws Exception {
		Order order = longHistory();
		List<String> shown = new ArrayList<>();
		Document details = Jsoup.parse(open(get("/orders/" + order.getPublicId())).getContentAsString());
		shown.addAll(notes(details.selectFirst("ol.timeline")));
		String older = details.select("a#timeline-older").attr("href");
		int requests = 0;
		while (!older.isEmpty()) {
			MockHttpServletResponse response = open(client.apply(get(older)));
			assertThat(response.getStatus()).as(older).isEqualTo(200);
			assertThat(response.getContentAsByteArray().length).as(older).isLessThan(MAX_PAGE_BYTES);
			Document page = Jsoup.parse(response.getContentAsString());
			List<String> events = notes(page.body());
			assertThat(events).as(older).hasSizeBetween(1, TimelinePage.SIZE);
			if (client == Client.HTMX) {
				assertThat(page.select("html > body > *").first().tagName()).isEqualTo("li");
				assertThat(page.select("h1, ol, #order-details")).isEmpty();
			}
			else {
				assertThat(page.select("h1").text()).isEqualTo("Older events of order " + order.getMerchantReference());
			}
			shown.addAll(events);
			older = page.select("a#timeline-older").attr("href");
			requests++;
		}

		List<String> everyEvent = new ArrayList<>(refundsNewestFirst(REFUNDS, 1));
		everyEvent.addAll(List.of("CAPTURED", "CREATED"));
		assertThat(shown).containsExactlyElementsOf(everyEvent);
		assertThat(requests).isEqualTo(40);
	}

	@Test
	void theDetailsThatAnActionUpdatesInPlaceShowTheNewestFiftyEventsOnly() throws Exception {
		Order order = longHistory();
		String details = "/orders/" + order.getPublicId();

		MockHttpServletResponse response = this.mvc
			.perform(post(details + "/refunds").param("idempotencyKey", AttackFixtures.key())
				.param("mode", "amount")
				.param("amount", "1.00")
				.param("reason", "RETURNED")
				.param("note", "One more")
				.header("HX-Request", "true")
				.header("HX-Current-URL", "http://localhost" + details)
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsByteArray().length).isLessThan(MAX_PAGE_BYTES);
		Element updated = Jsoup.parse(response.getContentAsString()).selectFirst("#order-details[hx-swap-oob]");
		assertThat(updated).isNotNull();
		List<String> expected = new ArrayList<>(List.of("One more"));
		expected.addAll(refundsNewestFirst(REFUNDS, REFUNDS - TimelinePage.SIZE + 2));
		assertThat(notes(updated.selectFirst("ol.timeline"))).containsExactlyElementsOf(expected);
		assertThat(updated.select("a#timeline-older")).hasSize(1);
	}

	@Test
	void aRefusedActionOnTheDetailsPageShowsTheNewestFiftyEventsOnly() throws Exception {
		Order order = longHistory();
		String details = "/orders/" + order.getPublicId();

		// A captured order cannot be cancelled: 409, and the details shown again.
		MockHttpServletResponse response = this.mvc
			.perform(post(details + "/cancel").param("idempotencyKey", AttackFixtures.key())
				.header("HX-Request", "true")
				.header("HX-Current-URL", "http://localhost" + details)
				.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER)))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsByteArray().length).isLessThan(MAX_PAGE_BYTES);
		Element updated = Jsoup.parse(response.getContentAsString()).selectFirst("#order-details[hx-swap-oob]");
		assertThat(updated).isNotNull();
		assertThat(updated.select("li.timeline-event")).hasSize(TimelinePage.SIZE);
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void theDialogsOfAnOrderWithALongHistoryShowNoneOfIt(Client client) throws Exception {
		Order order = longHistory();
		for (String dialog : List.of("refunds/new", "captures/new", "cancel", "release-authorization",
				"extend-authorization")) {
			String url = "/orders/" + order.getPublicId() + "/" + dialog;
			MockHttpServletResponse response = open(client.apply(get(url)));

			assertThat(response.getStatus()).as(url).isIn(200, 409);
			assertThat(response.getContentAsByteArray().length).as(url).isLessThan(16 * 1024);
			assertThat(response.getContentAsString()).as(url)
				.doesNotContain("timeline-event")
				.doesNotContain("Refund 1");
		}
	}

	private Order longHistory() {
		return this.fixtures.orderWithRefunds(this.fixtures.nordic(), "NS-H" + AttackFixtures.key().substring(0, 8),
				REFUNDS, 7);
	}

	private MockHttpServletResponse open(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER))).andReturn().getResponse();
	}

	/** "Refund from" down to "Refund to", as the refunds' notes read. */
	private static List<String> refundsNewestFirst(int from, int to) {
		return IntStream.iterate(from, (i) -> i >= to, (i) -> i - 1).mapToObj((i) -> "Refund " + i).toList();
	}

	/** Each event in the element as its note, or its type where it has none. */
	private static List<String> notes(Element timeline) {
		return timeline.select("li.timeline-event").stream().map((event) -> {
			Element note = event.selectFirst(".event-note");
			return (note != null) ? note.text() : event.className().replaceAll(".*event-", "");
		}).toList();
	}

}
