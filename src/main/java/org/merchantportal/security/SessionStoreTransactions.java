package org.merchantportal.security;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How Spring Session JDBC's statements commit. By default each load and each save of a
 * session is a transaction of its own, which on PostgreSQL costs a round trip for its
 * {@code COMMIT} besides the statement's own: on every page, once to read the session and
 * once to write its last access time. Outside a transaction, this runs them in
 * auto-commit instead, each statement committing by itself. A session's saves are single
 * statements on a page view (its access time), or a few on login and logout, whose loss
 * halfway could at worst lose a flash message or a login, never an order.
 * <p>
 * Within a transaction, such as an admin's change that ends a user's sessions after it
 * commits, the store's statements keep a transaction of their own, as Spring Session does
 * by default: there an auto-committed statement would join the caller's transaction, and
 * after its commit would never be committed at all.
 */
final class SessionStoreTransactions implements TransactionOperations {

	private final TransactionTemplate ownTransaction;

	SessionStoreTransactions(PlatformTransactionManager transactions) {
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public <T> T execute(TransactionCallback<T> action) throws TransactionException {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			return this.ownTransaction.execute(action);
		}
		return action.doInTransaction(new SimpleTransactionStatus(false));
	}

}
