package org.switchboard.core.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: a component that can report its health (db, broker, core, channels...).
 * {@link #check()} is called on demand by health endpoints; it must finish within a second and
 * never throw (report DOWN instead).
 */
@ConsumerType
public interface HealthIndicator {
  /** Short stable component name, e.g. {@code db}, {@code broker}, {@code core}. */
  String component();

  Health check();
}
