package org.merchantportal;

import java.net.URI;

/**
 * A running portal that {@link HttpUser} talks to: a node in this JVM
 * ({@link PortalNode}) or the packaged jar in a process of its own
 * ({@link ForkedPortal}).
 */
interface Portal {

	/** The portal's address for a path such as {@code /orders}. */
	URI uri(String path);

}
