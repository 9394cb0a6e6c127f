package org.merchantportal.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.merchantportal.merchant.UserSessions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Ends a user's sessions when an admin disables them or changes their role. Where several
 * nodes share the session store (the postgres profile's Spring Session JDBC), the user's
 * sessions are found by principal name and deleted from the store, so that the next
 * request on any node finds none; no request reads or writes anything in the store for
 * this. A single node with sessions in memory tracks them in a {@link SessionRegistry}.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

	/** How far behind a session's stored last access time may be. */
	static final Duration ACCESS_TIME_PRECISION = Duration.ofMinutes(1);

	/** The sessions of a single node, in memory; none where the store is shared. */
	@Bean
	@Profile("!postgres")
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/**
	 * Two requests of one session on two nodes at once (a double click behind the load
	 * balancer) may both add the same session attribute: PostgreSQL's upsert lets both
	 * succeed.
	 */
	@Bean
	@Profile("postgres")
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributeUpsert() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/**
	 * What a page view writes to the store: Spring Session updates the session's row on
	 * every request to store its last access time. This update writes the row only when
	 * something else changed (a new id after login, a principal, a timeout) or the stored
	 * access time is a minute old: the idle timeout of 15 minutes then counts from an
	 * access time at most a minute behind, so that a session may end up to a minute
	 * early, never late. When it writes, its commit does not wait for the disk: its query
	 * turns {@code synchronous_commit} off for its own transaction
	 * ({@code set_config(…, true)} is {@code SET LOCAL}). A crash of the database can
	 * lose the last moments' access times, never an order; the order actions'
	 * transactions still wait for the disk.
	 */
	@Bean
	@Profile("postgres")
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionUpdatesOnlyWhenNeeded() {
		return (repository) -> repository.setUpdateSessionQuery("""
				UPDATE %TABLE_NAME% AS S
				SET SESSION_ID = V.ID, LAST_ACCESS_TIME = V.LAST_ACCESS, MAX_INACTIVE_INTERVAL = V.MAX_INACTIVE,
					EXPIRY_TIME = V.EXPIRY, PRINCIPAL_NAME = V.PRINCIPAL
				FROM (VALUES (?, ?, ?, ?, ?, ?)) AS V (ID, LAST_ACCESS, MAX_INACTIVE, EXPIRY, PRINCIPAL, PRIMARY_ID)
				WHERE S.PRIMARY_ID = V.PRIMARY_ID
					AND (S.SESSION_ID <> V.ID OR S.MAX_INACTIVE_INTERVAL <> V.MAX_INACTIVE
						OR S.PRINCIPAL_NAME IS DISTINCT FROM V.PRINCIPAL
						OR S.LAST_ACCESS_TIME <= V.LAST_ACCESS - PRECISION_MILLIS)
					AND set_config('synchronous_commit', 'off', true) = 'off'
				""".replace("PRECISION_MILLIS", Long.toString(ACCESS_TIME_PRECISION.toMillis())));
	}

	/**
	 * See {@link SessionStoreTransactions}. Spring Session asks for it by this name; no
	 * one else is given it, and Boot still makes the application's own
	 * TransactionTemplate.
	 */
	@Bean(name = "springSessionTransactionOperations", defaultCandidate = false)
	@Profile("postgres")
	TransactionOperations sessionStoreTransactions(PlatformTransactionManager transactions) {
		return new SessionStoreTransactions(transactions);
	}

	/** See {@link SessionReadOncePerRequest}. */
	@Bean
	@Profile("postgres")
	static SessionReadOncePerRequest sessionReadOncePerRequest() {
		return new SessionReadOncePerRequest();
	}

	@Bean
	@Profile("postgres")
	static BeanPostProcessor sessionStoreReadOncePerRequest(ObjectProvider<SessionReadOncePerRequest> reads) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof JdbcIndexedSessionRepository store) ? reads.getObject().around(store) : bean;
			}

		};
	}

	/** Outside Spring Session's filter, on every dispatch. */
	@Bean
	@Profile("postgres")
	FilterRegistrationBean<Filter> sessionForgottenAfterEachRequest(SessionReadOncePerRequest reads) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(reads.forgetAtTheEnd());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	/** Tells the in-memory registry when a session ends. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	UserSessions userSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> shared,
			ObjectProvider<SessionRegistry> local) {
		FindByIndexNameSessionRepository<? extends Session> store = shared.getIfAvailable();
		if (store != null) {
			return (username) -> store.findByPrincipalName(username).keySet().forEach(store::deleteById);
		}
		SessionRegistry registry = local.getObject();
		return (username) -> principalsNamed(registry, username)
			.forEach((principal) -> registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow));
	}

	private static List<Object> principalsNamed(SessionRegistry registry, String username) {
		return registry.getAllPrincipals()
			.stream()
			.filter((principal) -> principal instanceof UserDetails user && user.getUsername().equals(username))
			.toList();
	}

}
