package org.merchantportal.security;

import java.util.Locale;
import jakarta.persistence.EntityManager;
import org.merchantportal.i18n.Messages;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.merchantportal.audit.AuditEvent;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.audit.AuditTrail;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit trail an investigation needs after an attack: every login (succeeded or
 * failed), every lockout and every user change by an admin in the audit log, and every
 * order action on the order's timeline, each with who, when and from which client
 * address; user events are shown on the Users page, order events on the order's page.
 */
@AttackTest
class AuditAttackTests {

	@Autowired
	private Messages messages;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationContext context;

	@Autowired
	AuditLog audit;

	@Autowired
	EntityManager entityManager;

	@Autowired
	JdbcTemplate jdbc;

	AttackFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AttackFixtures(this.context);
	}

	private List<AuditEvent> eventsAbout(String username) {
		return this.audit.recent(this.fixtures.nordic(), 1000)
			.stream()
			.filter((event) -> username.equals(event.getSubject()))
			.toList();
	}

	private static void assertRecorded(List<AuditEvent> events, AuditEventType type, String actor, String address,
			Instant after, int times) {
		List<AuditEvent> matching = events.stream().filter((event) -> event.getType() == type).toList();
		assertThat(matching).as("%s events", type).hasSize(times);
		for (AuditEvent event : matching) {
			assertThat(event.getActor()).as("who, of %s", type).isEqualTo(actor);
			assertThat(event.getClientAddress()).as("from where, of %s", type).isEqualTo(address);
			assertThat(event.getOccurredAt()).as("when, of %s", type).isBetween(after, Instant.now());
		}
	}

	@Test
	void loginsFailuresAndTheLockoutAreAuditedWithUserTimeAndClientAddress() throws Exception {
		PortalUser user = this.fixtures.newUser(this.fixtures.nordic(), Role.VIEWER);
		String name = user.getUsername();
		Instant start = Instant.now().minusMillis(1);

		this.mvc.perform(login(name, AttackFixtures.PASSWORD).with(AttackFixtures.from("203.0.113.21")))
			.andExpect(redirectedUrl("/orders"));
		for (int i = 0; i < 10; i++) {
			this.mvc.perform(login(name, "wrong-password").with(AttackFixtures.from("203.0.113.22")))
				.andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(login(name, AttackFixtures.PASSWORD).with(AttackFixtures.from("203.0.113.23")))
			.andExpect(redirectedUrl("/login?error"));

		List<AuditEvent> events = eventsAbout(name);
		assertRecorded(events, AuditEventType.LOGIN_SUCCEEDED, name, "203.0.113.21", start, 1);
		assertRecorded(events, AuditEventType.ACCOUNT_LOCKED, name, "203.0.113.22", start, 1);
		List<AuditEvent> failures = events.stream()
			.filter((event) -> event.getType() == AuditEventType.LOGIN_FAILED)
			.toList();
		assertThat(failures).hasSize(11);
		assertThat(failures).filteredOn((event) -> "203.0.113.22".equals(event.getClientAddress()))
			.hasSize(10)
			.allMatch((event) -> event.getActor().equals(name) && event.getOccurredAt().isAfter(start));
		assertThat(failures).filteredOn((event) -> "203.0.113.23".equals(event.getClientAddress()))
			.singleElement()
			.satisfies((event) -> assertThat(english(event)).isEqualTo("Account locked"));
		AuditEvent lockout = events.stream()
			.filter((event) -> event.getType() == AuditEventType.ACCOUNT_LOCKED)
			.findFirst()
			.orElseThrow();
		assertThat(english(lockout)).isEqualTo("Locked for 30 minutes after 10 failed logins");

		// An unknown user's failures are recorded too, under the name tried.
		String unknown = "nobody-" + name;
		this.mvc.perform(login(unknown, "whatever-password").with(AttackFixtures.from("203.0.113.24")))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(AuditTrail.about(this.entityManager, unknown, 10)).singleElement().satisfies((event) -> {
			assertThat(event.getType()).isEqualTo(AuditEventType.LOGIN_FAILED);
			assertThat(event.getClientAddress()).isEqualTo("203.0.113.24");
			assertThat(event.getOccurredAt()).isAfter(start);
		});

		// The admin sees them on the Users page.
		String usersPage = this.mvc.perform(get("/users").with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(usersPage).contains(name)
			.contains("203.0.113.21")
			.contains("203.0.113.22")
			.contains("Account locked");
	}

	private static MockHttpServletRequestBuilder login(String username, String password) {
		return post("/login").param("username", username).param("password", password).with(csrf());
	}

	@Test
	void everyUserChangeByAnAdminIsAuditedWithAdminTimeAndClientAddress() throws Exception {
		long nordic = this.fixtures.nordic();
		PortalUser target = this.fixtures.newUser(nordic, Role.VIEWER);
		this.fixtures.lock(target);
		String newName = "audited-" + target.getId() + "@nordic-shoes.example";
		Instant start = Instant.now().minusMillis(1);
		String address = "198.51.100.7";

		admin(post("/users").param("username", newName)
			.param("password", "a-long-enough-password")
			.param("role", "VIEWER"), address);
		admin(post("/users/" + target.getId() + "/role").param("role", "ORDER_MANAGER"), address);
		admin(post("/users/" + target.getId() + "/disable"), address);
		admin(post("/users/" + target.getId() + "/enable"), address);
		admin(post("/users/" + target.getId() + "/unlock"), address);

		List<AuditEvent> events = eventsAbout(target.getUsername());
		for (AuditEventType type : List.of(AuditEventType.ROLE_CHANGED, AuditEventType.USER_DISABLED,
				AuditEventType.USER_ENABLED, AuditEventType.USER_UNLOCKED)) {
			assertRecorded(events, type, AttackFixtures.NORDIC_ADMIN, address, start, 1);
		}
		assertThat(events).filteredOn((event) -> event.getType() == AuditEventType.ROLE_CHANGED)
			.singleElement()
			.satisfies((event) -> assertThat(english(event)).isEqualTo("Viewer → Order manager"));
		assertRecorded(eventsAbout(newName), AuditEventType.USER_CREATED, AttackFixtures.NORDIC_ADMIN, address, start,
				1);

		String usersPage = this.mvc.perform(get("/users").with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(usersPage).contains(newName).contains(address).contains("Role changed");
	}

	private void admin(MockHttpServletRequestBuilder request, String address) throws Exception {
		this.mvc
			.perform(request.with(csrf())
				.with(this.fixtures.as(AttackFixtures.NORDIC_ADMIN))
				.with(AttackFixtures.from(address)))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/users"));
	}

	@Test
	void everyOrderActionRecordsTheUserTheTimeAndTheClientAddressOnTheOrdersTimeline() throws Exception {
		long nordic = this.fixtures.nordic();
		Duration age = Duration.ofDays(10);
		Map<String, Order> actions = Map.of("cancel", this.fixtures.order(nordic, OrderStatus.AUTHORIZED, age),
				"captures", this.fixtures.order(nordic, OrderStatus.AUTHORIZED, age), "refunds",
				this.fixtures.order(nordic, OrderStatus.CAPTURED, age), "release-authorization",
				this.fixtures.order(nordic, OrderStatus.PART_CAPTURED, age), "extend-authorization",
				this.fixtures.order(nordic, OrderStatus.AUTHORIZED, age));
		int n = 0;
		for (var action : actions.entrySet()) {
			Order order = action.getValue();
			String address = "192.0.2." + (++n);
			String key = AttackFixtures.key();
			Instant start = Instant.now().minusMillis(1);
			for (boolean htmx : new boolean[] { false, true }) {
				MockHttpServletRequestBuilder request = post("/orders/" + order.getPublicId() + "/" + action.getKey())
					.param("idempotencyKey", key)
					.param("mode", "amount")
					.param("amount", "10")
					.param("reason", "RETURNED")
					.with(csrf())
					.with(this.fixtures.as(AttackFixtures.NORDIC_MANAGER))
					.with(AttackFixtures.from(address));
				if (htmx) {
					// The same request again, as htmx: a replay that records nothing
					// more.
					request.header("HX-Request", "true");
				}
				this.mvc.perform(request).andExpect(status().is(htmx ? 200 : 302));
			}
			List<Map<String, Object>> events = this.jdbc.queryForList(
					"select e.type, e.actor, e.occurred_at, e.client_address, e.idempotency_key from order_event e "
							+ "join purchase_order o on o.id = e.order_id where o.public_id = ? and e.idempotency_key = ?",
					order.getPublicId().toString(), key);
			assertThat(events).as("events of %s", action.getKey()).singleElement().satisfies((event) -> {
				assertThat(event.get("ACTOR")).as("who").isEqualTo(AttackFixtures.NORDIC_MANAGER);
				assertThat(event.get("CLIENT_ADDRESS")).as("from where").isEqualTo(address);
				Instant at = instant(event.get("OCCURRED_AT"));
				assertThat(at).as("when").isBetween(start, Instant.now());
			});
			String details = this.mvc
				.perform(get("/orders/" + order.getPublicId()).with(this.fixtures.as(AttackFixtures.NORDIC_VIEWER)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(details).as("the timeline of %s", action.getKey())
				.contains("<code>" + address + "</code>")
				.contains(AttackFixtures.NORDIC_MANAGER);
		}
	}

	private static Instant instant(Object value) {
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant();
		}
		if (value instanceof java.time.OffsetDateTime offset) {
			return offset.toInstant();
		}
		return (Instant) value;
	}

	/** An entry's detail as an English reader sees it. */
	private String english(AuditEvent event) {
		return this.messages.get(event.getDetail(), Locale.ENGLISH);
	}

}
