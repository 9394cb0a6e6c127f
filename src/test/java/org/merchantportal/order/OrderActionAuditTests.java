package org.merchantportal.order;

import java.util.Locale;
import org.merchantportal.i18n.Messages;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.merchantportal.audit.AuditEvent;
import org.merchantportal.audit.AuditEventType;
import org.merchantportal.audit.AuditLog;
import org.merchantportal.merchant.PortalUserRepository;
import org.merchantportal.merchant.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An order action the order refuses changes nothing, but the attempt is audited with who,
 * when, from where and why; bad input is not (it is the form's business).
 */
@SpringBootTest
class OrderActionAuditTests {

	@Autowired
	OrderService orders;

	@Autowired
	OrderSearch search;

	@Autowired
	AuditLog audit;

	@Autowired
	PortalUserRepository users;

	@Autowired
	Messages messages;

	@Test
	void recordsARefusedActionWithUserAddressAndReason() {
		long nordic = this.users.findByUsername("orders@nordic-shoes.example").orElseThrow().getMerchantId();
		OrderSummary captured = this.search
			.find(nordic, new OrderFilter(null, OrderStatus.CAPTURED, null, null, null), 50)
			.orders()
			.stream()
			.filter((order) -> order.refundable().isPositive())
			.findFirst()
			.orElseThrow();
		Staff staff = new Staff(nordic, "orders@nordic-shoes.example", Role.ORDER_MANAGER, "203.0.113.7");

		assertThatExceptionOfType(OrderActionRefusedException.class)
			.isThrownBy(() -> this.orders.cancel(staff, captured.publicId(), UUID.randomUUID().toString()));

		AuditEvent event = this.audit.recent(nordic, 1).get(0);
		assertThat(event.getType()).isEqualTo(AuditEventType.ORDER_ACTION_REFUSED);
		assertThat(event.getActor()).isEqualTo("orders@nordic-shoes.example");
		assertThat(event.getSubject()).isEqualTo(captured.publicId().toString());
		assertThat(event.getDetail().getCodes()).containsExactly("audit.detail.orderActionRefused");
		assertThat(this.messages.get(event.getDetail(), Locale.ENGLISH))
			.isEqualTo("Cancel: Order has captures: refund it instead");
		assertThat(this.messages.get(event.getDetail(), Locale.GERMAN)).startsWith("Stornieren: ")
			.doesNotContain("refund it");
		assertThat(event.getClientAddress()).isEqualTo("203.0.113.7");
		assertThat(event.getOccurredAt()).isNotNull();

		assertThatExceptionOfType(OrderActionRefusedException.class).as("bad input")
			.isThrownBy(() -> this.orders.refund(staff, captured.publicId(), UUID.randomUUID().toString(),
					Money.of(0, captured.currency()), RefundReason.RETURNED, null));
		assertThat(this.audit.recent(nordic, 20)).as("input errors are not audited")
			.filteredOn((recorded) -> captured.publicId().toString().equals(recorded.getSubject()))
			.hasSize(1);
	}

}
