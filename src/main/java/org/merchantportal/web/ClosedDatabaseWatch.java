package org.merchantportal.web;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Component;

/**
 * No node dies quietly: watches every SQL error on the connection pool's connections for
 * the embedded database having closed under the running portal (H2's "The database has
 * been closed" after its store failed, a full disk or a damaged file say, or "Database is
 * already closed"). Such a node cannot serve again until it is restarted, so the first
 * time it happens it logs the cause once and turns readiness DOWN, so that a load
 * balancer stops sending, and liveness DOWN, so that an orchestrator restarts it. What
 * was acknowledged before is on disk (see the README's "Durability").
 */
@Component
class ClosedDatabaseWatch implements BeanPostProcessor, ApplicationEventPublisherAware {

	/** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
	private static final Set<Integer> CLOSED = Set.of(90098, 90121);

	private static final Logger logger = LoggerFactory.getLogger(ClosedDatabaseWatch.class);

	private final AtomicBoolean closed = new AtomicBoolean();

	private ApplicationEventPublisher events;

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:h2:")) {
			SQLExceptionOverride inner = pool.getExceptionOverride();
			pool.setExceptionOverride(new SQLExceptionOverride() {
				@java.lang.Override
				public SQLExceptionOverride.Override adjudicate(SQLException failure) {
					noteIfClosed(failure);
					return (inner != null) ? inner.adjudicate(failure) : SQLExceptionOverride.Override.CONTINUE_EVICT;
				}
			});
		}
		return bean;
	}

	/** Whether the embedded database was seen closed; once closed, it stays so. */
	boolean isClosed() {
		return this.closed.get();
	}

	void noteIfClosed(SQLException failure) {
		if (!CLOSED.contains(failure.getErrorCode()) || !this.closed.compareAndSet(false, true)) {
			return;
		}
		logger.error(
				"The embedded database has closed (H2 error {}): this node refuses traffic until it is "
						+ "restarted. Restart it; what was acknowledged before is on disk.",
				failure.getErrorCode(), failure);
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		AvailabilityChangeEvent.publish(this.events, this, LivenessState.BROKEN);
	}

}
