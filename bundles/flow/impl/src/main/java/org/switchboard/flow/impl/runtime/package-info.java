/**
 * The event-driven interpreter: one {@link org.switchboard.flow.impl.runtime.Run} per customer
 * contact, no thread of its own; events are serialised per run and timeouts come from a shared
 * scheduler.
 */
package org.switchboard.flow.impl.runtime;
