package org.merchantportal.merchant;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A store that takes payments through the provider. Its users see only its orders.
 */
@Entity
@Table(name = "merchant")
public class Merchant {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private Currency currency;

	/** Where the merchant's day starts and ends: its users' times default to it. */
	@Column(name = "time_zone")
	private String timeZone;

	protected Merchant() {
	}

	public Merchant(String name, Currency currency) {
		this(name, currency, ZoneOffset.UTC);
	}

	public Merchant(String name, Currency currency, ZoneId timeZone) {
		this.name = name;
		this.currency = currency;
		this.timeZone = timeZone.getId();
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public Currency getCurrency() {
		return this.currency;
	}

	public ZoneId getTimeZone() {
		return ZoneId.of(this.timeZone);
	}

}
