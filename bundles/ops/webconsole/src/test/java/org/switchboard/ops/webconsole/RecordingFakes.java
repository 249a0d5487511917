package org.switchboard.ops.webconsole;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;
import org.switchboard.recording.api.PlannedRecording;
import org.switchboard.recording.api.RecordingAccess;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

/**
 * Small fakes for the recordings page's tests: a catalogue and a clock (requests and answers are
 * {@link ConsoleExchange}s).
 */
final class RecordingFakes {
  private RecordingFakes() {}

  /** A catalogue of stored recordings whose {@code open} logs like the real one. */
  static final class Catalog implements RecordingCatalog {
    final Map<String, RecordingInfo> infos = new LinkedHashMap<>();
    final Map<String, Path> files = new HashMap<>();
    final List<RecordingAccess> log = new ArrayList<>();
    final List<RecordingQuery> queries = new ArrayList<>();
    private final Clock clock;

    Catalog(Clock clock) {
      this.clock = clock;
    }

    RecordingInfo add(String id, Path file) {
      Instant start = Instant.parse("2026-11-30T10:15:00Z");
      RecordingInfo info =
          new RecordingInfo(
              id,
              "i-" + id,
              "agent4",
              "support",
              "STORED",
              start,
              start.plusSeconds(42),
              Duration.ofSeconds(42),
              Duration.ofSeconds(5),
              1000,
              "ab".repeat(32),
              start.plus(Duration.ofDays(90)));
      infos.put(id, info);
      files.put(id, file);
      return info;
    }

    /** The openings of a recording in its access log. */
    List<RecordingAccess> opened(String id) {
      return log.stream().filter(a -> a.recordingId().equals(id)).toList();
    }

    @Override
    public Optional<RecordingInfo> find(String id) {
      return Optional.ofNullable(infos.get(id));
    }

    @Override
    public List<RecordingInfo> search(RecordingQuery query) {
      queries.add(query);
      return List.copyOf(infos.values());
    }

    @Override
    public Path open(String id, String user, String purpose) {
      if (purpose == null || purpose.isBlank()) {
        throw new ValidationException("purpose", "say why the recording is opened");
      }
      Path file = files.get(id);
      if (file == null || !java.nio.file.Files.isRegularFile(file)) {
        throw new NotFoundException("recording", id);
      }
      log.add(new RecordingAccess(id, user, clock.instant(), "open", purpose));
      return file;
    }

    @Override
    public List<RecordingAccess> accesses(String id) {
      return opened(id);
    }

    @Override
    public boolean shouldRecord(String queue, String agentId, Map<String, String> attributes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PlannedRecording plan(String interactionId, String agentId, String queue) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void started(PlannedRecording planned, Recording live) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RecordingInfo stored(PlannedRecording planned, RecordedFile file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void failed(PlannedRecording planned, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int pause(String interactionId, boolean pause) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Boolean> paused(String interactionId) {
      throw new UnsupportedOperationException();
    }
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-01T09:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
