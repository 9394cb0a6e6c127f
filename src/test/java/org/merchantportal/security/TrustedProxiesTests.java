package org.merchantportal.security;

import java.util.List;

import org.apache.catalina.util.NetMaskSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * PORTAL_TRUSTED_PROXIES as Tomcat's RemoteIpValve will read it: the list handed to the
 * valve is checked with the valve's own CIDR matcher.
 */
class TrustedProxiesTests {

	@Test
	void noListTrustsNobody() {
		for (String none : new String[] { null, "", "  ", " , ,", "\t" }) {
			TrustedProxies proxies = TrustedProxies.parse(none);
			assertThat(proxies.isEmpty()).as("'%s'", none).isTrue();
			assertThat(proxies.asCidrList()).isEmpty();
			assertThat(proxies).hasToString("none");
		}
	}

	@Test
	void aSingleAddressTrustsThatAddressOnly() throws Exception {
		NetMaskSet trusted = NetMaskSet.parse(TrustedProxies.parse("127.0.0.1").asCidrList());
		assertThat(trusted.contains("127.0.0.1")).isTrue();
		for (String other : List.of("127.0.0.2", "127.0.0.10", "10.0.0.1", "0:0:0:0:0:0:0:1")) {
			assertThat(trusted.contains(other)).as(other).isFalse();
		}
	}

	@Test
	void addressesAndCidrRangesOfBothFamiliesMixInOneList() throws Exception {
		TrustedProxies proxies = TrustedProxies.parse(" 10.0.0.5, 192.168.10.0/24 ,2001:db8::/32,::1");
		assertThat(proxies.asCidrList()).isEqualTo("10.0.0.5/32,192.168.10.0/24,2001:db8::/32,::1/128");
		NetMaskSet trusted = NetMaskSet.parse(proxies.asCidrList());
		for (String inside : List.of("10.0.0.5", "192.168.10.0", "192.168.10.77", "192.168.10.255", "2001:db8::1",
				"2001:db8:ffff::5", "0:0:0:0:0:0:0:1", "::1")) {
			assertThat(trusted.contains(inside)).as(inside).isTrue();
		}
		for (String outside : List.of("10.0.0.4", "10.0.0.6", "192.168.11.1", "192.168.9.255", "2001:db9::1", "::2",
				"8.8.8.8", "127.0.0.1")) {
			assertThat(trusted.contains(outside)).as(outside).isFalse();
		}
	}

	@Test
	void hostNamesAndMalformedEntriesStopTheNodeNamingTheEntry() {
		for (String bad : List.of("lb.example", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/abc", "*", "10.0.0.*",
				"10.0.0.0/8,nginx", "http://10.0.0.1")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> TrustedProxies.parse(bad))
				.withMessageContaining("PORTAL_TRUSTED_PROXIES");
		}
	}

}
