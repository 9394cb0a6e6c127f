package org.merchantportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Actor;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderFixtures;
import org.merchantportal.order.OrderLine.NewLine;
import org.merchantportal.order.OrderRepository;
import org.merchantportal.order.OrderStatus;
import org.merchantportal.order.RefundReason;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the attack tests share: the demo logins, fresh orders and users of their own (so
 * that no test depends on another's leftovers), snapshots of what an attack must not
 * change, and a few readers of the portal's HTML.
 */
public final class AttackFixtures {

	public static final String PASSWORD = "portal-demo-2026";

	public static final String NORDIC_ADMIN = "admin@nordic-shoes.example";

	public static final String NORDIC_MANAGER = "orders@nordic-shoes.example";

	public static final String NORDIC_VIEWER = "viewer@nordic-shoes.example";

	public static final String FJORD_ADMIN = "admin@fjord-outdoor.example";

	public static final String FJORD_MANAGER = "orders@fjord-outdoor.example";

	/**
	 * The states a test can ask its order to be in, reached through the domain's own
	 * operations.
	 */
	private final PortalUserRepository users;

	private final MerchantRepository merchants;

	private final OrderRepository orders;

	private final TransactionTemplate transactions;

	private final JdbcTemplate jdbc;

	private final PasswordEncoder passwordEncoder;

	public AttackFixtures(ApplicationContext context) {
		this.users = context.getBean(PortalUserRepository.class);
		this.merchants = context.getBean(MerchantRepository.class);
		this.orders = context.getBean(OrderRepository.class);
		this.transactions = context.getBean(TransactionTemplate.class);
		this.jdbc = context.getBean(JdbcTemplate.class);
		this.passwordEncoder = context.getBean(PasswordEncoder.class);
	}

	// --- People ---------------------------------------------------------------------

	/** Logged in as that user of the users table, as form login would log them in. */
	public RequestPostProcessor as(String username) {
		return SecurityMockMvcRequestPostProcessors
			.user(TestUsers.loggedIn(this.users.findByUsername(username).orElseThrow()));
	}

	public RequestPostProcessor as(PortalUser user) {
		return as(user.getUsername());
	}

	public long merchantOf(String username) {
		return this.users.findByUsername(username).orElseThrow().getMerchantId();
	}

	public long nordic() {
		return merchantOf(NORDIC_ADMIN);
	}

	public long fjord() {
		return merchantOf(FJORD_ADMIN);
	}

	/**
	 * A new enabled user of the merchant, with {@link #PASSWORD}, and a name no other
	 * test uses.
	 */
	public PortalUser newUser(long merchantId, Role role) {
		String username = "attack-" + UUID.randomUUID().toString().substring(0, 12) + "@m" + merchantId + ".example";
		return this.users.save(new PortalUser(merchantId, username, this.passwordEncoder.encode(PASSWORD), role));
	}

	public PortalUser user(String username) {
		return this.users.findByUsername(username).orElseThrow();
	}

	public PortalUser reload(PortalUser user) {
		return this.users.findById(user.getId()).orElseThrow();
	}

	/** Everything about a user that an attack could change. */
	public Map<String, Object> userSnapshot(long userId) {
		return this.jdbc.queryForMap("select merchant_id, username, password_hash, role, enabled, failed_logins, "
				+ "locked_until, last_login_at, version from portal_user where id = ?", userId);
	}

	public long userCount() {
		return this.jdbc.queryForObject("select count(*) from portal_user", Long.class);
	}

	/** Locks a user as ten failed logins would, without the ten logins. */
	public void lock(PortalUser user) {
		this.jdbc.update("update portal_user set locked_until = ? where id = ?",
				java.sql.Timestamp.from(Instant.now().plus(Duration.ofMinutes(30))), user.getId());
	}

	public void disable(PortalUser user) {
		this.jdbc.update("update portal_user set enabled = false where id = ?", user.getId());
	}

	// --- Orders ------------------------------------------------------------------

	public Order order(long merchantId, OrderStatus state) {
		return order(merchantId, state, Duration.ofHours(1));
	}

	/**
	 * A new order placed that long ago (an extend moves the expiry of an order some days
	 * old).
	 */
	public Order order(long merchantId, OrderStatus state, Duration age) {
		String prefix = (merchantId == nordic()) ? "NS-T" : "FO-T";
		String tag = UUID.randomUUID().toString().substring(0, 8);
		return order(merchantId, state, prefix + tag, "Attack Target " + tag, "target." + tag + "@shop.example", age);
	}

	/**
	 * A new order of the merchant, in its currency: two lines (2 × 100.00 and 1 × 50.00),
	 * placed an hour ago (or that long ago) and brought to the state by the aggregate's
	 * own operations.
	 */
	public Order order(long merchantId, OrderStatus state, String reference, String customerName,
			String customerEmail) {
		return order(merchantId, state, reference, customerName, customerEmail, Duration.ofHours(1));
	}

	public Order order(long merchantId, OrderStatus state, String reference, String customerName, String customerEmail,
			Duration age) {
		Merchant merchant = this.merchants.findById(merchantId).orElseThrow();
		Instant now = Instant.now();
		Actor actor = new Actor("fixture@attack.example", Role.ORDER_MANAGER, now, null);
		return this.transactions.execute((status) -> {
			Order order = new Order(merchantId, reference, customerName, customerEmail, merchant.getCurrency(),
					List.of(new NewLine("SKU-1", "Trail Runner", 2, 10_000, 2500),
							new NewLine("SKU-2", "Wool Socks", 1, 5_000, 2500)),
					now.minus(age));
			OrderFixtures.bringTo(order, state, actor);
			return this.orders.save(order);
		});
	}

	/**
	 * A captured order of the merchant with a long history, placed two days ago: after
	 * its capture, that many refunds of one minor unit each (by the aggregate's own
	 * operation), noted "Refund 1", "Refund 2" and so on, {@code perInstant} of them at
	 * each instant, so that pages of its timeline begin and end among events of the same
	 * time.
	 * @param reference the merchant reference (start it as the merchant's references
	 * start, e.g. "NS-", where a test lists the merchant's orders)
	 */
	public Order orderWithRefunds(long merchantId, String reference, int refunds, int perInstant) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Order placed = order(merchantId, OrderStatus.AUTHORIZED, reference, "History Target " + tag,
				"history." + tag + "@shop.example", Duration.ofDays(2));
		return this.transactions.execute((status) -> {
			Order order = this.orders.findByIdForUpdate(placed.getId()).orElseThrow();
			Instant captured = order.getCreatedAt().plus(Duration.ofMinutes(1));
			order.capture(order.getRemaining(),
					new Actor("fixture@attack.example", Role.ORDER_MANAGER, captured, null));
			for (int i = 1; i <= refunds; i++) {
				Instant at = captured.plusSeconds(1 + (i - 1) / perInstant);
				order.refund(Money.of(1, order.getCurrency()), RefundReason.RETURNED, "Refund " + i,
						new Actor("fixture@attack.example", Role.ORDER_MANAGER, at, null));
			}
			return order;
		});
	}

	/**
	 * Everything about an order that an attack could change: status, amounts, expiry, its
	 * events, its lines' quantities and the idempotency keys spent on it.
	 */
	public Map<String, Object> snapshot(UUID orderId) {
		return this.jdbc.queryForMap(
				"""
						select o.merchant_id, o.status, o.merchant_reference, o.merchant_reference2, b.order_amount, b.captured_amount, b.refunded_amount,
						  b.released_amount, o.authorization_expires_on,
						  (select count(*) from order_event e where e.order_id = o.id) as events,
						  (select coalesce(sum(l.captured_quantity), 0) from order_line l where l.order_id = o.id) as captured_quantity,
						  (select coalesce(sum(l.refunded_quantity), 0) from order_line l where l.order_id = o.id) as refunded_quantity,
						  (select count(*) from idempotency_key k where k.order_id = o.id) as idempotency_keys
						from purchase_order o join order_balance b on b.order_id = o.id where o.public_id = ?""",
				orderId.toString());
	}

	public String statusOf(UUID orderId) {
		return (String) snapshot(orderId).get("STATUS");
	}

	/** The public ids of all the merchant's orders. */
	public List<String> orderIdsOf(long merchantId) {
		return this.jdbc.queryForList("select public_id from purchase_order where merchant_id = ?", String.class,
				merchantId);
	}

	// --- Requests and responses ----------------------------------------------------

	/** A fresh idempotency key, as a dialog would render it. */
	public static String key() {
		return UUID.randomUUID().toString();
	}

	/** The request comes from that client address. */
	public static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static final Pattern CSRF_META = Pattern.compile("(<meta name=\"_csrf\" content=\")[^\"]*(\")");

	private static final Pattern CSRF_FIELD = Pattern.compile("(name=\"_csrf\" value=\")[^\"]*(\")");

	private static final Pattern KEY_FIELD = Pattern.compile("(name=\"idempotencyKey\" value=\")[^\"]*(\")");

	/**
	 * The body without what differs from one response to the next anyway (the masked CSRF
	 * token, fresh idempotency keys) and with the ids asked for replaced by a
	 * placeholder: two bodies equal after this tell nothing apart.
	 */
	public static String normalize(String body, Object... askedFor) {
		String normalized = CSRF_META.matcher(body).replaceAll("$1…$2");
		normalized = CSRF_FIELD.matcher(normalized).replaceAll("$1…$2");
		normalized = KEY_FIELD.matcher(normalized).replaceAll("$1…$2");
		for (Object id : askedFor) {
			normalized = normalized.replaceAll("(?<![\\w.&#-])" + Pattern.quote(String.valueOf(id)) + "(?![\\w.-])",
					"{id}");
		}
		return normalized;
	}

	private static final Pattern ROW_ID = Pattern
		.compile("<tr id=\"order-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"");

	/** The public ids of the order rows of an Orders page or its results fragment. */
	public static List<String> rowIds(String body) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = ROW_ID.matcher(body);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static final Pattern NEXT_PAGE = Pattern
		.compile("rel=\"next\"[^>]*href=\"([^\"]*)\"|href=\"([^\"]*)\"[^>]*rel=\"next\"");

	/** The link to the next (older) page of orders, or null on the last page. */
	public static String nextPage(String body) {
		Matcher matcher = NEXT_PAGE.matcher(body);
		if (!matcher.find()) {
			return null;
		}
		String href = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		return org.springframework.web.util.HtmlUtils.htmlUnescape(href);
	}

	private static final Pattern CSRF_TOKEN = Pattern
		.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

	/** The CSRF token a page carries, in its meta element or its login form. */
	public static String csrfToken(String body) {
		Matcher matcher = CSRF_TOKEN.matcher(body);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token in " + body);
		}
		return (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
	}

}
