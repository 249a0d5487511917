package org.switchboard.core.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service for in-process consumers of core events (register it as an OSGi service).
 *
 * <p>The core calls {@link #onEvent} after the change committed, in sequence order, from a single
 * core thread: implementations must return quickly and hand slow work to their own threads. An
 * exception thrown by a listener is logged and does not stop delivery to others. Listeners
 * registered later receive only later events; consumers that need history read the broker or the
 * event log.
 */
@ConsumerType
public interface EventListener {
  void onEvent(SwitchboardEvent event);
}
