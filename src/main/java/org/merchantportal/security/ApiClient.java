package org.merchantportal.security;

import java.util.UUID;

import org.merchantportal.merchant.ApiCredentials;

/**
 * The merchant's system a merchant API call authenticated as, the principal of that call:
 * it acts for its merchant only, with an ORDER_MANAGER's rights at most.
 */
public record ApiClient(long merchantId, UUID credentialId, String name, String username) {

	static ApiClient of(ApiCredentials.Client client) {
		return new ApiClient(client.merchantId(), client.credentialId(), client.name(), client.username());
	}

	/** How its actions show on an order's timeline and in the audit log. */
	public String actor() {
		return "via API (" + this.name + ")";
	}

}
