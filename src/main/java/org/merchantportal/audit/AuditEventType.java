package org.merchantportal.audit;

/**
 * What the audit log records besides order actions, which live on the orders' timelines.
 */
public enum AuditEventType {

	LOGIN_SUCCEEDED, LOGIN_FAILED, ACCOUNT_LOCKED, USER_CREATED, ROLE_CHANGED, USER_DISABLED, USER_ENABLED,
	USER_UNLOCKED

}
