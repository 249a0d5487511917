package org.switchboard.reports.api;

import org.osgi.annotation.versioning.ProviderType;

/** The live wallboard: queues, agents and today's figures, refreshed at most once a second. */
@ProviderType
public interface WallboardService {
  /** The wallboard now (at most a second old). */
  Wallboard now();
}
