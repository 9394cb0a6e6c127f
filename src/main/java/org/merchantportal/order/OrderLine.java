package org.merchantportal.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One line of an order: so many of an item at a unit price, and how many of them were
 * captured and refunded. Changed only through its {@link Order}.
 */
@Entity
@Table(name = "order_line")
public class OrderLine {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private Order order;

	@Column(name = "line_number")
	private int lineNumber;

	private String reference;

	private String name;

	private int quantity;

	@Column(name = "unit_price")
	private long unitPrice;

	/** In basis points: 2500 is 25%. */
	@Column(name = "tax_rate")
	private int taxRate;

	@Column(name = "captured_quantity")
	private int capturedQuantity;

	@Column(name = "refunded_quantity")
	private int refundedQuantity;

	protected OrderLine() {
	}

	OrderLine(Order order, int lineNumber, NewLine line) {
		this.order = order;
		this.lineNumber = lineNumber;
		this.reference = line.reference();
		this.name = line.name();
		this.quantity = line.quantity();
		this.unitPrice = line.unitPrice();
		this.taxRate = line.taxRate();
	}

	/**
	 * A line as the shop sent it when the order was placed.
	 */
	public record NewLine(String reference, String name, int quantity, long unitPrice, int taxRate) {

		public NewLine {
			if (reference == null || reference.isBlank() || name == null || name.isBlank()) {
				throw new IllegalArgumentException("A line needs a reference and a name");
			}
			if (quantity <= 0 || unitPrice < 0 || taxRate < 0 || taxRate > 10_000) {
				throw new IllegalArgumentException("Invalid line " + reference);
			}
		}

		long total() {
			return Math.multiplyExact(this.unitPrice, (long) this.quantity);
		}

	}

	public int getLineNumber() {
		return this.lineNumber;
	}

	public String getReference() {
		return this.reference;
	}

	public String getName() {
		return this.name;
	}

	public int getQuantity() {
		return this.quantity;
	}

	public Money getUnitPrice() {
		return Money.of(this.unitPrice, this.order.getCurrency());
	}

	public Money getTotal() {
		return getUnitPrice().times(this.quantity);
	}

	public int getTaxRate() {
		return this.taxRate;
	}

	public int getCapturedQuantity() {
		return this.capturedQuantity;
	}

	public int getRefundedQuantity() {
		return this.refundedQuantity;
	}

	/** How many more of this line may still be captured. */
	public int getCapturableQuantity() {
		return this.quantity - this.capturedQuantity;
	}

	/** How many of this line may still be refunded: captured, not yet refunded. */
	public int getRefundableQuantity() {
		return this.capturedQuantity - this.refundedQuantity;
	}

	long unitPriceMinor() {
		return this.unitPrice;
	}

	void capture(int count) {
		this.capturedQuantity += count;
	}

	void captureAll() {
		this.capturedQuantity = this.quantity;
	}

	void refund(int count) {
		this.refundedQuantity += count;
	}

}
