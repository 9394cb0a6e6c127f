package org.merchantportal.merchant;

/**
 * The logged-in member of a merchant's staff, as the security layer provides them to the
 * pages of this package.
 */
public interface StaffMember {

	long userId();

	long merchantId();

	String getUsername();

	Role role();

}
