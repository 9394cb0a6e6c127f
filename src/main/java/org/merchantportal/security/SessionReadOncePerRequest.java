package org.merchantportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.servlet.Filter;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Reads a request's session from the shared store once, and writes it only when something
 * must be written.
 * <p>
 * <b>Once read.</b> Spring Session saves the session when the response is committed,
 * which for a page is as soon as its first 8 KB are written, and once more when the
 * request ends; the second time it looks the session up again by the cookie's id
 * ({@code SessionRepositoryFilter.commitSession}), a second read of the session and its
 * attributes on every page. Wrapped around the store, this answers a lookup with the
 * session saved earlier in the same request, and asks the store otherwise.
 * {@link #forgetAtTheEnd()} forgets the session when the request ends, so that no other
 * request is ever answered from it.
 * <p>
 * <b>Written when needed.</b> Spring Session writes a session back on every request, as
 * every request moves its last access time. A session read here comes wrapped in a
 * {@link Tracked} session that notes any change but that: an attribute set or removed, a
 * new id, a new timeout. Its save is skipped when nothing changed and its stored last
 * access time is less than {@link SessionConfig#ACCESS_TIME_PRECISION} old (the store's
 * update query checks the same once it is sent): most pages then ask nothing of the store
 * but the one read.
 */
final class SessionReadOncePerRequest implements MethodInterceptor {

	private final ThreadLocal<Session> saved = new ThreadLocal<>();

	/** The store, with its lookups answered from this request's saved session. */
	@SuppressWarnings("unchecked")
	<R extends SessionRepository<?>> R around(R store) {
		ProxyFactory proxy = new ProxyFactory(store);
		proxy.setProxyTargetClass(true); // Spring Session hands its own type around
		proxy.addAdvice(this);
		return (R) proxy.getProxy(store.getClass().getClassLoader());
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		switch (invocation.getMethod().getName()) {
			case "findById" -> {
				Session session = this.saved.get();
				if (session != null && session.getId().equals(arguments[0])) {
					return session;
				}
				Object found = invocation.proceed();
				return (found instanceof Session stored) ? new Tracked(stored) : found;
			}
			case "save" -> {
				Session session = (Session) arguments[0];
				if (session instanceof Tracked tracked) {
					if (!tracked.needsWrite()) {
						this.saved.set(tracked);
						return null;
					}
					arguments[0] = tracked.stored; // the store's own type, which it saves
					Object result = invocation.proceed();
					tracked.written();
					this.saved.set(tracked);
					return result;
				}
				Object result = invocation.proceed();
				this.saved.set(session);
				return result;
			}
			case "deleteById" -> {
				this.saved.remove();
				return invocation.proceed();
			}
			default -> {
				return invocation.proceed();
			}
		}
	}

	/**
	 * The filter that forgets a request's session once the request is done with it, on
	 * every dispatch (an error page's too).
	 */
	Filter forgetAtTheEnd() {
		return (request, response, chain) -> {
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.saved.remove();
			}
		};
	}

	/**
	 * A session as the store gave it, which knows whether anything but its last access
	 * time changed since it was read or last written.
	 */
	static final class Tracked implements Session {

		private final Session stored;

		private Instant writtenAccess;

		private boolean changed;

		Tracked(Session stored) {
			this.stored = stored;
			this.writtenAccess = stored.getLastAccessedTime();
		}

		boolean needsWrite() {
			return this.changed || !Duration.between(this.writtenAccess, this.stored.getLastAccessedTime())
				.minus(SessionConfig.ACCESS_TIME_PRECISION)
				.isNegative();
		}

		void written() {
			this.changed = false;
			this.writtenAccess = this.stored.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			this.changed = true;
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return this.stored.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.changed = true;
			this.stored.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.changed = true;
			this.stored.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.stored.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			if (!interval.equals(this.stored.getMaxInactiveInterval())) {
				this.changed = true;
			}
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
