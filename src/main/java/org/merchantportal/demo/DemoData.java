package org.merchantportal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.merchantportal.merchant.ApiCredentials;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.merchant.PortalUser;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Actor;
import org.merchantportal.order.LineQuantity;
import org.merchantportal.order.Money;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderLine.NewLine;
import org.merchantportal.order.OrderRepository;
import org.merchantportal.order.RefundReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds two demo merchants, their users and a few hundred realistic orders in every state
 * on the first start of the embedded default, so that one command shows a working portal.
 * Every order is brought to its state through the domain's own operations, so its
 * timeline is real. Prints the demo logins on every start.
 * <p>
 * Seeds once every bean exists but before the web server starts listening, so that
 * {@code /login} never answers before the demo logins work.
 */
@Component
@ConditionalOnProperty(name = "portal.demo-data", havingValue = "true")
class DemoData implements SmartInitializingSingleton {

	static final String PASSWORD = "portal-demo-2026";

	/** The password of both demo API credentials (in the README, like the logins). */
	static final String API_PASSWORD = "portal-demo-api-2026";

	static final String NORDIC_API_USERNAME = "demo-nordic-shoes";

	static final String FJORD_API_USERNAME = "demo-fjord-outdoor";

	static final int ORDERS_PER_MERCHANT = 320;

	private static final Logger logger = LoggerFactory.getLogger(DemoData.class);

	private final MerchantRepository merchants;

	private final PortalUserRepository users;

	private final OrderRepository orders;

	private final PasswordEncoder passwordEncoder;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApiCredentials apiCredentials;

	private final boolean withApiCredentials;

	/**
	 * @param withApiCredentials whether to create the demo API credentials, whose fixed
	 * secret is in the README: on the embedded default only, never on the postgres
	 * profile, even with its demo data
	 */
	DemoData(MerchantRepository merchants, PortalUserRepository users, OrderRepository orders,
			PasswordEncoder passwordEncoder, TransactionTemplate transactions, Clock clock,
			ApiCredentials apiCredentials,
			@Value("${portal.demo-data.api-credentials:false}") boolean withApiCredentials) {
		this.apiCredentials = apiCredentials;
		this.withApiCredentials = withApiCredentials;
		this.merchants = merchants;
		this.users = users;
		this.orders = orders;
		this.passwordEncoder = passwordEncoder;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.merchants.count() == 0) {
			try {
				this.transactions.executeWithoutResult((status) -> seed());
			}
			catch (DataIntegrityViolationException ex) {
				// Another node started at the same moment and seeded first: its data
				// stands,
				// ours rolled back whole (the demo usernames are unique).
				logger.info("Demo data was seeded by another node");
			}
		}
		if (this.withApiCredentials) {
			// Also into a database seeded before there were API credentials.
			this.transactions.executeWithoutResult((status) -> addApiCredentials());
		}
		printLogins();
	}

	private void addApiCredentials() {
		this.users.findByUsername("admin@nordic-shoes.example")
			.ifPresent((admin) -> this.apiCredentials.createForDemo(admin.getMerchantId(), "Demo shop system",
					NORDIC_API_USERNAME, API_PASSWORD));
		this.users.findByUsername("admin@fjord-outdoor.example")
			.ifPresent((admin) -> this.apiCredentials.createForDemo(admin.getMerchantId(), "Demo shop system",
					FJORD_API_USERNAME, API_PASSWORD));
	}

	private void seed() {
		Instant now = this.clock.instant();
		Merchant nordic = this.merchants
			.save(new Merchant("Nordic Shoes AB", Currency.getInstance("SEK"), ZoneId.of("Europe/Stockholm")));
		addUser(nordic, "admin@nordic-shoes.example", Role.ADMIN);
		addUser(nordic, "orders@nordic-shoes.example", Role.ORDER_MANAGER);
		addUser(nordic, "viewer@nordic-shoes.example", Role.VIEWER);
		Merchant fjord = this.merchants
			.save(new Merchant("Fjord Outdoor GmbH", Currency.getInstance("EUR"), ZoneId.of("Europe/Berlin")));
		addUser(fjord, "admin@fjord-outdoor.example", Role.ADMIN);
		addUser(fjord, "orders@fjord-outdoor.example", Role.ORDER_MANAGER);
		seedOrders(nordic, DemoCatalog.NORDIC_SHOES, "orders@nordic-shoes.example", now, new Random(2026));
		seedOrders(fjord, DemoCatalog.FJORD_OUTDOOR, "orders@fjord-outdoor.example", now, new Random(4711));
		logger.info("Seeded demo data: {} merchants, {} orders", this.merchants.count(), this.orders.count());
	}

	private void addUser(Merchant merchant, String username, Role role) {
		this.users.save(new PortalUser(merchant.getId(), username, this.passwordEncoder.encode(PASSWORD), role));
	}

	private void seedOrders(Merchant merchant, DemoCatalog catalog, String staff, Instant now, Random random) {
		Scenario[] scenarios = Scenario.values();
		for (int i = 0; i < ORDERS_PER_MERCHANT; i++) {
			Scenario scenario = scenarios[i % scenarios.length];
			Instant created = scenario.createdAt(now, random);
			String first = catalog.firstNames()[random.nextInt(catalog.firstNames().length)];
			String last = catalog.lastNames()[random.nextInt(catalog.lastNames().length)];
			String email = (first + "." + last).toLowerCase(Locale.ROOT)
				.replace('å', 'a')
				.replace('ä', 'a')
				.replace('ö', 'o')
				.replace('ø', 'o')
				.replace('ü', 'u')
				.replace('é', 'e') + (random.nextInt(90) + 10) + "@" + catalog.emailDomains()[i % 3];
			Order order = new Order(merchant.getId(), catalog.referencePrefix() + (10001 + i), first + " " + last,
					email, merchant.getCurrency(), lines(catalog, random), created);
			scenario.apply(order, new Staff(staff, created, now), random);
			this.orders.save(order);
		}
	}

	private static List<NewLine> lines(DemoCatalog catalog, Random random) {
		List<NewLine> lines = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		List<DemoCatalog.Product> products = new ArrayList<>(List.of(catalog.products()));
		for (int i = 0; i < count; i++) {
			DemoCatalog.Product product = products.remove(random.nextInt(products.size()));
			int quantity = (random.nextInt(5) == 0) ? 2 : 1;
			lines.add(new NewLine(product.sku(), product.name(), quantity, product.unitPrice(), catalog.taxRate()));
		}
		return lines;
	}

	private static final String API_CREDENTIALS = """
			Merchant API demo credentials (HTTP Basic, password for both: %s):
			  %-29s Nordic Shoes AB (SEK)
			  %-29s Fjord Outdoor GmbH (EUR)
			  e.g. curl -u %s:%s "http://localhost:8080/ordermanagement/v1/orders?size=1"
			""";

	private void printLogins() {
		if (this.users.findByUsername("orders@nordic-shoes.example").isEmpty()) {
			return;
		}
		logger.info("""

				Merchant Portal demo logins (password for all: {}):
				  admin@nordic-shoes.example    ADMIN          Nordic Shoes AB (SEK)
				  orders@nordic-shoes.example   ORDER_MANAGER  Nordic Shoes AB (SEK)
				  viewer@nordic-shoes.example   VIEWER         Nordic Shoes AB (SEK)
				  admin@fjord-outdoor.example   ADMIN          Fjord Outdoor GmbH (EUR)
				  orders@fjord-outdoor.example  ORDER_MANAGER  Fjord Outdoor GmbH (EUR)
				{}""", PASSWORD, this.withApiCredentials ? API_CREDENTIALS.formatted(API_PASSWORD, NORDIC_API_USERNAME,
				FJORD_API_USERNAME, NORDIC_API_USERNAME, API_PASSWORD) : "");
	}

	/**
	 * A member of staff acting on one order: at a time after it was placed, never in the
	 * future.
	 */
	record Staff(String username, Instant created, Instant now) {

		Actor after(Duration delay) {
			Instant at = this.created.plus(delay);
			return new Actor(this.username, Role.ORDER_MANAGER, at.isBefore(this.now) ? at : this.now, null);
		}

	}

	/** The states the demo orders are brought to, in equal shares. */
	enum Scenario {

		AUTHORIZED {
			@Override
			Instant createdAt(Instant now, Random random) {
				return now.minus(Duration.ofMinutes(10 + random.nextInt(24 * 60 * 24)));
			}
		},

		EXPIRING_SOON {
			@Override
			Instant createdAt(Instant now, Random random) {
				return now.minus(Duration.ofDays(25 + random.nextInt(3)))
					.minus(Duration.ofMinutes(random.nextInt(600)));
			}
		},

		EXTENDED {
			@Override
			Instant createdAt(Instant now, Random random) {
				return now.minus(Duration.ofDays(30 + random.nextInt(15)));
			}

			@Override
			void apply(Order order, Staff staff, Random random) {
				order.extendAuthorization(staff.after(Duration.ofDays(20)));
			}
		},

		CAPTURED {
			@Override
			void apply(Order order, Staff staff, Random random) {
				order.capture(order.getRemaining(), staff.after(Duration.ofHours(20)));
			}
		},

		PART_CAPTURED {
			@Override
			Instant createdAt(Instant now, Random random) {
				return now.minus(Duration.ofMinutes(60 + random.nextInt(24 * 60 * 24)));
			}

			@Override
			void apply(Order order, Staff staff, Random random) {
				captureFirstLine(order, staff.after(Duration.ofHours(30)));
			}
		},

		CANCELLED {
			@Override
			void apply(Order order, Staff staff, Random random) {
				order.cancel(staff.after(Duration.ofHours(3)));
			}
		},

		PARTLY_REFUNDED {
			@Override
			void apply(Order order, Staff staff, Random random) {
				order.capture(order.getRemaining(), staff.after(Duration.ofHours(20)));
				String line = order.getLines().get(0).getReference();
				order.refundLines(List.of(new LineQuantity(line, 1)), RefundReason.RETURNED, null,
						staff.after(Duration.ofDays(6)));
			}
		},

		FULLY_REFUNDED {
			@Override
			void apply(Order order, Staff staff, Random random) {
				order.capture(order.getRemaining(), staff.after(Duration.ofHours(20)));
				order.refund(order.getRefundable(), RefundReason.CANCELLED_BY_CUSTOMER, "Customer changed their mind",
						staff.after(Duration.ofDays(4)));
			}
		},

		CLOSED {
			@Override
			void apply(Order order, Staff staff, Random random) {
				captureFirstLine(order, staff.after(Duration.ofHours(20)));
				order.releaseRemainingAuthorization(staff.after(Duration.ofDays(2)));
			}
		},

		EXPIRED {
			@Override
			Instant createdAt(Instant now, Random random) {
				return now.minus(Duration.ofDays(30 + random.nextInt(30)));
			}

			@Override
			void apply(Order order, Staff staff, Random random) {
				order.expire(staff.after(Duration.ofDays(Order.AUTHORIZATION_DAYS + 1)).at());
			}
		};

		/**
		 * When the order was placed: any time in the last 60 days unless the state needs
		 * otherwise.
		 */
		Instant createdAt(Instant now, Random random) {
			return now.minus(Duration.ofMinutes(10 + random.nextInt(60 * 24 * 60)));
		}

		void apply(Order order, Staff staff, Random random) {
		}

		private static void captureFirstLine(Order order, Actor actor) {
			var first = order.getLines().get(0);
			if (order.getLines().size() == 1 && first.getQuantity() == 1) {
				// One item only: capture a deposit of half its price.
				order.capture(Money.of(first.getUnitPrice().minorUnits() / 2, order.getCurrency()), actor);
			}
			else {
				order.captureLines(List.of(new LineQuantity(first.getReference(), 1)), actor);
			}
		}

	}

}
