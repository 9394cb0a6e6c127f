package org.merchantportal.order;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

import jakarta.persistence.EntityManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.merchantportal.merchant.Merchant;
import org.merchantportal.merchant.MerchantRepository;
import org.merchantportal.StatementRecorder;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway migrations apply on H2, Hibernate validates the mapping against them, and
 * orders round-trip with their lines, amounts and timeline.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(StatementRecorder.Config.class)
class OrderRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

	@Autowired
	Flyway flyway;

	@Autowired
	OrderRepository orders;

	@Autowired
	MerchantRepository merchants;

	@Autowired
	EntityManager entityManager;

	@Autowired
	StatementRecorder statements;

	@Test
	void migrationsApplyAndHibernateValidatesOnH2() {
		assertThat(this.flyway.info().applied()).isNotEmpty()
			.allSatisfy((migration) -> assertThat(migration.getState().isApplied()).isTrue());
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.entityManager.getEntityManagerFactory().getMetamodel().getEntities())
			.extracting(jakarta.persistence.metamodel.EntityType::getName)
			.contains("Order", "OrderLine", "OrderEvent", "Merchant", "PortalUser");
	}

	@Test
	void storesAnOrderWithItsLinesAmountsAndTimeline() {
		Merchant merchant = this.merchants.save(new Merchant("Nordic Shoes AB", Currency.getInstance("SEK")));
		Order order = newOrder(merchant, "NS-1", NOW);
		order.captureLines(List.of(new LineQuantity("SHOE", 1)), actor(NOW.plusSeconds(60)));
		order.refund(Money.of(10_000, "SEK"), RefundReason.RETURNED, "Scuffed", actor(NOW.plusSeconds(120)));
		this.orders.save(order);
		this.entityManager.flush();
		this.entityManager.clear();

		Order loaded = this.orders.findByMerchantIdAndPublicId(merchant.getId(), order.getPublicId()).orElseThrow();
		assertThat(loaded.getOrderAmount()).isEqualTo(Money.of(149_900 + 2 * 24_900, "SEK"));
		assertThat(loaded.getCaptured()).isEqualTo(Money.of(149_900, "SEK"));
		assertThat(loaded.getRefunded()).isEqualTo(Money.of(10_000, "SEK"));
		assertThat(loaded.getStatus()).isEqualTo(OrderStatus.PART_CAPTURED);
		assertThat(loaded.getLines()).extracting(OrderLine::getReference, OrderLine::getCapturedQuantity)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SHOE", 1),
					org.assertj.core.groups.Tuple.tuple("SOCKS", 0));
		assertThat(loaded.getTimeline()).extracting(OrderEvent::getType)
			.containsExactly(OrderEventType.REFUNDED, OrderEventType.CAPTURED, OrderEventType.CREATED);
		OrderEvent refund = loaded.getTimeline().get(0);
		assertThat(refund.getAmount()).isEqualTo(Money.of(10_000, "SEK"));
		assertThat(refund.getReason()).isEqualTo(RefundReason.RETURNED);
		assertThat(refund.getNote()).isEqualTo("Scuffed");
		assertThat(refund.getActor()).isEqualTo("orders@nordic-shoes.example");
		assertThat(refund.getIdempotencyKey()).isEqualTo("key-" + NOW.plusSeconds(120).getEpochSecond());
	}

	@Test
	void aRefundUpdatesTheBalanceRowOnlyWhileAChangeOfStatusUpdatesTheOrderRowToo() {
		Merchant merchant = this.merchants.save(new Merchant("Nordic Shoes AB", Currency.getInstance("SEK")));
		Order order = this.orders.save(newOrder(merchant, "NS-1", NOW));
		this.entityManager.flush();

		this.statements.start();
		order.capture(order.getOrderAmount(), actor(NOW.plusSeconds(5)));
		this.entityManager.flush();
		assertThat(updates(this.statements.stop())).as("a capture, which changes the status")
			.contains("update purchase_order", "update order_balance");

		this.statements.start();
		order.refund(Money.of(10_000, "SEK"), RefundReason.RETURNED, null, actor(NOW.plusSeconds(10)));
		this.entityManager.flush();
		assertThat(updates(this.statements.stop())).as("a refund").containsExactly("update order_balance");
		assertThat(order.getStatus()).isEqualTo(OrderStatus.CAPTURED);
	}

	/** The tables that the statements update, in their order. */
	private static List<String> updates(List<StatementRecorder.Recorded> statements) {
		return statements.stream()
			.map(StatementRecorder.Recorded::sql)
			.filter((sql) -> sql.startsWith("update "))
			.map((sql) -> sql.substring(0, sql.indexOf(' ', "update ".length())))
			.toList();
	}

	private static Order newOrder(Merchant merchant, String reference, Instant created) {
		return new Order(merchant.getId(), reference, "Anna Svensson", "anna@example.se", merchant.getCurrency(),
				List.of(new OrderLine.NewLine("SHOE", "Trail Runner", 1, 149_900, 2500),
						new OrderLine.NewLine("SOCKS", "Merino Socks", 2, 24_900, 2500)),
				created);
	}

	private static Actor actor(Instant at) {
		return new Actor("orders@nordic-shoes.example", Role.ORDER_MANAGER, at, "key-" + at.getEpochSecond());
	}

}
