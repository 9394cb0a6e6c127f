package org.merchantportal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.merchantportal.HttpUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start of the embedded default, as a newcomer runs it: the packaged jar on an
 * empty directory seeds the demo data before it answers at all, so a login the moment
 * {@code /login} first answers already works.
 */
class FirstStartIT {

	@Test
	void theDemoLoginWorksTheMomentTheLoginPageFirstAnswers(@TempDir Path directory) {
		assertThat(directory.resolve("data")).as("a first start: no database yet").doesNotExist();
		try (ForkedPortal portal = ForkedPortal.launch(directory)) {
			HttpUser user = new HttpUser();
			Page login = firstAnswer(user, portal, "/login");
			assertThat(login.status()).as(login.toString()).isEqualTo(200);

			Page loggedIn = user.post(portal, "/login", Map.of("username", "orders@nordic-shoes.example", "password",
					"portal-demo-2026", "_csrf", login.csrf()));

			assertThat(loggedIn.status()).as(loggedIn.toString()).isEqualTo(302);
			assertThat(loggedIn.location()).as("where the first login lands").isEqualTo("/orders");
		}
	}

	/** The first answer to a GET of the path, asked again as soon as it is refused. */
	private static Page firstAnswer(HttpUser user, ForkedPortal portal, String path) {
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			assertThat(portal.isAlive()).as("the portal is running").isTrue();
			try {
				return user.get(portal, path);
			}
			catch (AssertionError notListeningYet) {
				Thread.onSpinWait();
			}
		}
		throw new AssertionError("GET " + path + " never answered:\n" + portal.logTail());
	}

}
