package org.merchantportal.security;

import java.util.List;

import org.merchantportal.merchant.UserSessions;

import org.springframework.beans.factory.ObjectProvider;
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

/**
 * Ends a user's sessions when an admin disables them or changes their role. Where several
 * nodes share the session store (the postgres profile's Spring Session JDBC), the user's
 * sessions are found by principal name and deleted from the store, so that the next
 * request on any node finds none; no request reads or writes anything in the store for
 * this. A single node with sessions in memory tracks them in a {@link SessionRegistry}.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

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
	 * Every page view updates its session's last access time, and on PostgreSQL a commit
	 * waits until the write-ahead log is on disk. The session store needs no such wait: a
	 * crash of the database can lose the last moments' access times, never an order. So a
	 * session's update commits asynchronously: its query turns {@code synchronous_commit}
	 * off for its own transaction ({@code set_config(…, true)} is {@code SET LOCAL}), and
	 * the order actions' transactions still wait for the disk.
	 */
	@Bean
	@Profile("postgres")
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> asynchronousSessionUpdates() {
		return (repository) -> repository.setUpdateSessionQuery("""
				UPDATE %TABLE_NAME%
				SET SESSION_ID = ?, LAST_ACCESS_TIME = ?, MAX_INACTIVE_INTERVAL = ?, EXPIRY_TIME = ?, PRINCIPAL_NAME = ?
				WHERE PRIMARY_ID = ? AND set_config('synchronous_commit', 'off', true) = 'off'
				""");
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
