package org.switchboard.core.api.event;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The event log as stored, read in sequence order, for consumers that must see every event even
 * across their own restarts (report projections): they keep the last sequence they applied and ask
 * for what came after.
 *
 * @since 1.3
 */
@ProviderType
public interface EventHistory {
  /** Most events one call returns. */
  int MAX_LIMIT = 5000;

  /**
   * Events after a sequence number, oldest first.
   *
   * @param sequence the last sequence already seen ({@code 0} for the start of the log)
   * @param limit at most this many, 1 to {@value #MAX_LIMIT}
   */
  List<SwitchboardEvent> after(long sequence, int limit);

  /** The sequence of the newest event, {@code 0} when the log is empty. */
  long lastSequence();
}
