package org.merchantportal.merchant;

import java.util.Currency;

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

	protected Merchant() {
	}

	public Merchant(String name, Currency currency) {
		this.name = name;
		this.currency = currency;
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

}
