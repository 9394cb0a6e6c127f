package org.merchantportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request asks of the shared session store through
 * {@link SessionReadOncePerRequest}: one read, and a write only when the session changed
 * or its stored last access time is a minute old.
 */
class SessionReadOncePerRequestTests {

	private static final Instant STORED_ACCESS = Instant.now().minusSeconds(5);

	private final CountingStore target = new CountingStore();

	private final SessionReadOncePerRequest reads = new SessionReadOncePerRequest();

	/** As Spring Session's filter sees the store: sessions of no particular type. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private final SessionRepository<Session> store = (SessionRepository) this.reads.around(this.target);

	private final String id = storedSession();

	@Test
	void aRequestThatOnlyMovesTheAccessTimeWithinAMinuteWritesNothing() {
		request((session) -> session.setLastAccessedTime(STORED_ACCESS.plusSeconds(59)));

		assertThat(this.target.finds).isEqualTo(1);
		assertThat(this.target.saved).isEmpty();
	}

	@Test
	void aRequestAMinuteAfterTheStoredAccessTimeWritesIt() {
		request((session) -> session.setLastAccessedTime(STORED_ACCESS.plusSeconds(60)));

		assertThat(this.target.saved).singleElement()
			.satisfies((saved) -> assertThat(saved.getLastAccessedTime()).isEqualTo(STORED_ACCESS.plusSeconds(60)));
	}

	@Test
	void aRequestThatSetsOrRemovesAnAttributeWritesIt() {
		request((session) -> session.setAttribute("token", "new"));
		request((session) -> session.removeAttribute("token"));

		assertThat(this.target.saved).hasSize(2);
		assertThat(this.target.findById(this.id).getAttributeNames()).doesNotContain("token");
	}

	@Test
	void aRequestThatChangesTheIdOrTheTimeoutWritesIt() {
		request(Session::changeSessionId);
		String newId = this.target.saved.get(0).getId();
		this.target.finds = 0;
		request(newId, (session) -> session.setMaxInactiveInterval(Duration.ofMinutes(5)));

		assertThat(this.target.saved).hasSize(2);
		assertThat(this.target.saved.get(1).getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void theSecondSaveOfARequestWritesOnlyWhatChangedSinceTheFirst() throws Exception {
		Session[] found = new Session[2];
		this.reads.forgetAtTheEnd().doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), (rq, rs) -> {
			found[0] = this.store.findById(this.id);
			found[0].setAttribute("token", "new");
			this.store.save(found[0]);
			// Spring Session saves again when the request ends, looking the session up
			// anew.
			found[1] = this.store.findById(this.id);
			this.store.save(found[1]);
		});

		assertThat(found[1]).isSameAs(found[0]);
		assertThat(this.target.finds).isEqualTo(1);
		assertThat(this.target.saved).hasSize(1);
	}

	@Test
	void theNextRequestReadsTheStoreAgain() {
		request((session) -> session.setAttribute("token", "new"));
		request((session) -> {
		});

		assertThat(this.target.finds).isEqualTo(2);
	}

	private void request(Consumer<Session> change) {
		request(this.id, change);
	}

	private void request(String sessionId, Consumer<Session> change) {
		try {
			this.reads.forgetAtTheEnd()
				.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), (request, response) -> {
					Session session = this.store.findById(sessionId);
					change.accept(session);
					this.store.save(session);
				});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String storedSession() {
		MapSession session = new MapSession();
		session.setLastAccessedTime(STORED_ACCESS);
		session.setMaxInactiveInterval(Duration.ofMinutes(15));
		session.setAttribute("token", "old");
		this.target.save(session);
		this.target.saved.clear();
		return session.getId();
	}

	/** The in-memory store, counting what is asked of it. */
	static class CountingStore extends MapSessionRepository {

		int finds;

		final List<MapSession> saved = new ArrayList<>();

		CountingStore() {
			super(new ConcurrentHashMap<>());
		}

		@Override
		public MapSession findById(String id) {
			this.finds++;
			return super.findById(id);
		}

		@Override
		public void save(MapSession session) {
			this.saved.add(new MapSession(session));
			super.save(session);
		}

	}

}
