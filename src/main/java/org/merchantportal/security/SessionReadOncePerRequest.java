package org.merchantportal.security;

import jakarta.servlet.Filter;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Reads a request's session from the shared store once. Spring Session saves the session
 * when the response is committed, which for a page is as soon as its first 8 KB are
 * written, and once more when the request ends; the second time it looks the session up
 * again by the cookie's id ({@code SessionRepositoryFilter.commitSession}), a second read
 * of the session and its attributes on every page. Wrapped around the store, this answers
 * a lookup with the session saved earlier in the same request, and asks the store
 * otherwise. {@link #forgetAtTheEnd()} forgets the session when the request ends, so that
 * no other request is ever answered from it.
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
				return (session != null && session.getId().equals(arguments[0])) ? session : invocation.proceed();
			}
			case "save" -> {
				Object result = invocation.proceed();
				this.saved.set((Session) arguments[0]);
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

}
