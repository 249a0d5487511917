/** Queues: where interactions wait for an agent, with their service-level and overflow rules. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.switchboard.core.api.queue;
