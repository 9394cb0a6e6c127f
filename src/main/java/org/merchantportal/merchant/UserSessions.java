package org.merchantportal.merchant;

/**
 * Ends a user's open sessions, on every node, so that a disabled or changed user does not
 * keep the access they had when they logged in.
 */
public interface UserSessions {

	void endSessionsOf(String username);

}
