package org.switchboard.recording.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.media.api.Recording;
import org.switchboard.recording.api.PlannedRecording;

/**
 * Recordings running now, by interaction, so the desktop can pause and resume them. Entries go when
 * their recording is stored or failed; ones a crashed channel never finished are dropped after a
 * day.
 */
final class LiveRecordings {
  private record Live(PlannedRecording planned, Recording recording) {}

  private final Map<String, Live> byId = new ConcurrentHashMap<>();

  void add(PlannedRecording planned, Recording recording) {
    byId.put(planned.id(), new Live(planned, recording));
  }

  void remove(PlannedRecording planned) {
    byId.remove(planned.id());
  }

  List<Recording> of(String interactionId) {
    return byId.values().stream()
        .filter(l -> l.planned().interactionId().equals(interactionId))
        .map(Live::recording)
        .toList();
  }

  void dropOlderThan(Instant limit) {
    byId.values().removeIf(l -> l.planned().plannedAt().isBefore(limit));
  }
}
