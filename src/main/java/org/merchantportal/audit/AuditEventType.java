package org.merchantportal.audit;

/**
 * What the audit log records besides the order actions that happened, which live on the
 * orders' timelines.
 */
public enum AuditEventType {

	LOGIN_SUCCEEDED, LOGIN_FAILED, ACCOUNT_LOCKED,

	/**
	 * Logins from one address refused unchecked after too many failures: recorded once a
	 * minute per address, however many were refused.
	 */
	LOGIN_THROTTLED,

	USER_CREATED, ROLE_CHANGED, USER_DISABLED, USER_ENABLED, USER_UNLOCKED,

	/** An order action the order's rules refused: nothing changed, but someone tried. */
	ORDER_ACTION_REFUSED,

	/** An ADMIN created or revoked a credential of the merchant API. */
	API_CREDENTIAL_CREATED, API_CREDENTIAL_REVOKED

}
