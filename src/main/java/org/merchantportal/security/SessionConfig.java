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
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * Which sessions each user has: in the shared session store where several nodes serve one
 * user (the postgres profile's Spring Session JDBC), in memory on a single node. Lets the
 * portal end a user's sessions when an admin disables them or changes their role.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

	@Bean
	SessionRegistry sessionRegistry(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> shared) {
		FindByIndexNameSessionRepository<? extends Session> sessions = shared.getIfAvailable();
		return (sessions != null) ? new SpringSessionBackedSessionRegistry<>(sessions) : new SessionRegistryImpl();
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

	/** Tells the in-memory registry when a session ends. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	UserSessions userSessions(SessionRegistry registry) {
		return (username) -> principalsNamed(registry, username)
			.forEach((principal) -> registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow));
	}

	private static List<Object> principalsNamed(SessionRegistry registry, String username) {
		if (registry instanceof SpringSessionBackedSessionRegistry) {
			return List.of(username); // the store finds sessions by principal name
		}
		return registry.getAllPrincipals()
			.stream()
			.filter((principal) -> principal instanceof UserDetails user && user.getUsername().equals(username))
			.toList();
	}

}
