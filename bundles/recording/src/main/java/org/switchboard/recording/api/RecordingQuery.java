package org.switchboard.recording.api;

import java.time.Instant;

/**
 * Which recordings to list; null fields match everything.
 *
 * @param interactionId one interaction's recordings
 * @param agentId one agent's
 * @param queue one queue's
 * @param from started at or after
 * @param to started before
 * @param limit at most this many (1-1000)
 */
public record RecordingQuery(
    String interactionId, String agentId, String queue, Instant from, Instant to, int limit) {
  public RecordingQuery {
    if (limit < 1 || limit > 1000) {
      throw new org.switchboard.core.api.ValidationException(
          "limit", "must be between 1 and 1000, got " + limit);
    }
  }
}
