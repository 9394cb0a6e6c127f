package org.merchantportal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fresh PostgreSQL database with two portal nodes on it (A seeds the demo data) and a
 * thread pool for parallel requests; closing stops the nodes and drops the database.
 */
record TwoNodes(TestDatabase database, PortalNode a, PortalNode b, ExecutorService threads) implements AutoCloseable {

	static TwoNodes start() {
		TestDatabase database = TestDatabase.create();
		PortalNode a = null;
		try {
			a = PortalNode.start("A", database, true);
			return new TwoNodes(database, a, PortalNode.start("B", database, false), Executors.newCachedThreadPool());
		}
		catch (RuntimeException ex) {
			if (a != null) {
				a.close();
			}
			database.close();
			throw ex;
		}
	}

	long merchantId(String name) {
		return this.database.count("select id from merchant where name = '" + name.replace("'", "''") + "'");
	}

	@Override
	public void close() {
		try {
			this.threads.shutdownNow();
			this.b.close();
			this.a.close();
		}
		finally {
			this.database.close();
		}
	}

}
