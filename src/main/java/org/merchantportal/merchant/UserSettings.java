package org.merchantportal.merchant;

import java.time.ZoneId;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What users choose for themselves: the language the portal speaks to them, and the time
 * zone it shows them times in.
 */
@Service
public class UserSettings {

	private final PortalUserRepository users;

	private final MerchantRepository merchants;

	UserSettings(PortalUserRepository users, MerchantRepository merchants) {
		this.users = users;
		this.merchants = merchants;
	}

	/**
	 * @param language one of the portal's languages, or null to follow the browser's
	 */
	@Transactional
	public void chooseLanguage(StaffMember user, Locale language) {
		this.users.findByIdAndMerchantId(user.userId(), user.merchantId())
			.orElseThrow(() -> new UserNotFoundException(user.userId()))
			.chooseLanguage(language);
	}

	/**
	 * @param timeZone the user's own time zone, or null to follow the merchant's
	 * @return the zone the user's times show in from now on
	 */
	@Transactional
	public ZoneId chooseTimeZone(StaffMember user, ZoneId timeZone) {
		this.users.findByIdAndMerchantId(user.userId(), user.merchantId())
			.orElseThrow(() -> new UserNotFoundException(user.userId()))
			.chooseTimeZone(timeZone);
		return (timeZone != null) ? timeZone : merchantTimeZone(user);
	}

	/** The time zone of the user's merchant, which the user's times follow by default. */
	@Transactional(readOnly = true)
	public ZoneId merchantTimeZone(StaffMember user) {
		return this.merchants.findById(user.merchantId()).orElseThrow().getTimeZone();
	}

}
