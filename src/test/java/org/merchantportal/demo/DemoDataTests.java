package org.merchantportal.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.merchantportal.MerchantPortalApplication;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;
import org.merchantportal.order.Order;
import org.merchantportal.order.OrderEventType;
import org.merchantportal.order.OrderStatus;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.merchantportal.merchant.ApiCredentials;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.persistence.EntityManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data of the embedded default: seeded once into a file database, kept across
 * restarts, covering every state a merchant meets, and absent where it is switched off.
 */
class DemoDataTests {

	@TempDir
	Path dataDirectory;

	@Test
	void seedsEveryStateOnFirstStartAndKeepsTheDataOnRestart() {
		String url = "jdbc:h2:file:" + this.dataDirectory.resolve("portal").toAbsolutePath();
		List<String> firstIds;
		try (ConfigurableApplicationContext context = start(url, true)) {
			List<Order> orders = allOrders(context);
			firstIds = orders.stream().map((order) -> order.getPublicId().toString()).sorted().toList();

			Map<Long, Long> perMerchant = orders.stream()
				.collect(Collectors.groupingBy(Order::getMerchantId, Collectors.counting()));
			assertThat(perMerchant).hasSize(2)
				.allSatisfy((merchant, count) -> assertThat(count).isGreaterThanOrEqualTo(300));
			assertThat(orders).extracting(Order::getStatus).contains(OrderStatus.values());

			Instant now = Instant.now();
			assertThat(orders).anySatisfy((order) -> {
				assertThat(order.getRefunded().isPositive()).isTrue();
				assertThat(order.getRefunded()).isNotEqualTo(order.getCaptured());
			});
			assertThat(orders).anySatisfy((order) -> {
				assertThat(order.getRefunded().isPositive()).isTrue();
				assertThat(order.getRefunded()).isEqualTo(order.getCaptured());
			});
			assertThat(orders).filteredOn((order) -> order.isExpiringSoon(now)).isNotEmpty();
			assertThat(orders).filteredOn((order) -> order.getStatus().isOpen())
				.allSatisfy((order) -> assertThat(order.isAuthorizationExpired(now)).isFalse());
			assertThat(orders).allSatisfy((order) -> {
				assertThat(order.getCreatedAt()).isBetween(now.minusSeconds(61L * 24 * 3600), now);
				assertThat(order.getLines()).isNotEmpty();
				assertThat(order.getTimeline()).last()
					.extracting((event) -> event.getType())
					.isEqualTo(OrderEventType.CREATED);
			});
			assertThat(orders).filteredOn((order) -> order.getLines().size() > 1).hasSizeGreaterThan(300);
			assertThat(orders.stream().map(Order::getCustomerEmail).distinct().count()).as("varied customers")
				.isGreaterThan(300);

			PortalUserRepository users = context.getBean(PortalUserRepository.class);
			PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
			Map<String, Role> roles = Map.of("admin@nordic-shoes.example", Role.ADMIN, "orders@nordic-shoes.example",
					Role.ORDER_MANAGER, "viewer@nordic-shoes.example", Role.VIEWER, "admin@fjord-outdoor.example",
					Role.ADMIN, "orders@fjord-outdoor.example", Role.ORDER_MANAGER);
			roles.forEach((username, role) -> assertThat(users.findByUsername(username)).hasValueSatisfying((user) -> {
				assertThat(user.getRole()).isEqualTo(role);
				assertThat(user.getPasswordHash()).startsWith("{bcrypt-sha256}$2");
				assertThat(encoder.matches(DemoData.PASSWORD, user.getPasswordHash())).isTrue();
			}));

			// One API credential per demo merchant, with the README's fixed values.
			ApiCredentials credentials = context.getBean(ApiCredentials.class);
			assertThat(credentials.authenticate("demo-nordic-shoes", "portal-demo-api-2026"))
				.hasValueSatisfying((client) -> assertThat(client.merchantId())
					.isEqualTo(users.findByUsername("admin@nordic-shoes.example").orElseThrow().getMerchantId()));
			assertThat(credentials.authenticate("demo-fjord-outdoor", "portal-demo-api-2026"))
				.hasValueSatisfying((client) -> assertThat(client.merchantId())
					.isEqualTo(users.findByUsername("admin@fjord-outdoor.example").orElseThrow().getMerchantId()));
		}
		try (ConfigurableApplicationContext context = start(url, true)) {
			assertThat(allOrders(context)).extracting((order) -> order.getPublicId().toString())
				.containsExactlyInAnyOrderElementsOf(firstIds);
		}
	}

	@Test
	void theDemoApiCredentialsAreOnlyWhereAskedFor() {
		String url = "jdbc:h2:file:" + this.dataDirectory.resolve("no-api").toAbsolutePath();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MerchantPortalApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + url, "--portal.demo-data=true",
				"--portal.demo-data.api-credentials=false")) {
			assertThat(context.getBean(PortalUserRepository.class).findByUsername("admin@nordic-shoes.example"))
				.isPresent();
			assertThat(context.getBean(ApiCredentials.class).authenticate("demo-nordic-shoes", "portal-demo-api-2026"))
				.isEmpty();
		}
	}

	@Test
	void seedsNothingWhenDemoDataIsOff() {
		String url = "jdbc:h2:file:" + this.dataDirectory.resolve("empty").toAbsolutePath();
		try (ConfigurableApplicationContext context = start(url, false)) {
			assertThat(context.getBean(PortalUserRepository.class).count()).isZero();
			assertThat(allOrders(context)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(String url, boolean demoData) {
		return new SpringApplicationBuilder(MerchantPortalApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--portal.demo-data=" + demoData);
	}

	private static List<Order> allOrders(ConfigurableApplicationContext context) {
		return context.getBean(TransactionTemplate.class).execute((status) -> {
			List<Order> orders = context.getBean(EntityManager.class)
				.createQuery("select o from Order o", Order.class)
				.getResultList();
			orders.forEach((order) -> {
				order.getLines().size();
				order.getTimeline().size();
			});
			return orders;
		});
	}

}
