package org.merchantportal.merchant;

import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What users choose for themselves: the language the portal speaks to them.
 */
@Service
public class UserSettings {

	private final PortalUserRepository users;

	UserSettings(PortalUserRepository users) {
		this.users = users;
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

}
