package org.merchantportal.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.StringUtils;

/**
 * The load balancers whose forwarded headers a node believes, from
 * {@code PORTAL_TRUSTED_PROXIES} ({@code portal.trusted-proxies}): a comma-separated list
 * of IPv4 or IPv6 addresses or CIDR ranges. Empty, the default, trusts nobody. Each entry
 * is checked at start by Spring Security's {@link IpAddressMatcher}, which refuses host
 * names (a lookup per request would make trust depend on DNS), so a typo stops the node
 * instead of silently trusting nobody or everybody.
 */
final class TrustedProxies {

	private final List<String> ranges;

	private TrustedProxies(List<String> ranges) {
		this.ranges = List.copyOf(ranges);
	}

	/**
	 * @param list comma-separated addresses or CIDR ranges, or null or blank for none
	 * @throws IllegalArgumentException naming the first entry that is neither
	 */
	static TrustedProxies parse(String list) {
		List<String> ranges = new ArrayList<>();
		for (String entry : StringUtils.commaDelimitedListToStringArray(list)) {
			String range = entry.strip();
			if (!range.isEmpty()) {
				ranges.add(asRange(range));
			}
		}
		return new TrustedProxies(ranges);
	}

	/** One address becomes the range of just that address: {@code 10.0.0.5/32}. */
	private static String asRange(String entry) {
		try {
			new IpAddressMatcher(entry); // refuses host names and bad masks
			if (entry.indexOf('/') > 0) {
				return entry;
			}
			// A literal, as IpAddressMatcher has just checked: no lookup happens here.
			return entry + "/" + (InetAddress.getByName(entry).getAddress().length * 8);
		}
		catch (IllegalArgumentException | UnknownHostException ex) {
			throw new IllegalArgumentException("portal.trusted-proxies (PORTAL_TRUSTED_PROXIES): '" + entry
					+ "' is not an IPv4 or IPv6 address or CIDR range", ex);
		}
	}

	boolean isEmpty() {
		return this.ranges.isEmpty();
	}

	/**
	 * The ranges as Tomcat's RemoteIpValve takes them: comma-separated, every one with
	 * its mask, so that the valve reads them as CIDR (without a '/' it would read the
	 * whole list as one regular expression).
	 */
	String asCidrList() {
		return String.join(",", this.ranges);
	}

	@Override
	public String toString() {
		return this.ranges.isEmpty() ? "none" : String.join(", ", this.ranges);
	}

}
