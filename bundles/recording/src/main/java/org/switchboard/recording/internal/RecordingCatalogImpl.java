package org.switchboard.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;
import org.switchboard.recording.api.PlannedRecording;
import org.switchboard.recording.api.RecordingAccess;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

/**
 * The recordings catalogue: files under the recordings directory (one folder per day, named by
 * recording id), metadata in the database, retention by a periodic sweep, and an access log row for
 * every opening of a recording's audio.
 */
@Component(service = RecordingCatalog.class, configurationPid = "org.switchboard.recording")
@Designate(ocd = RecordingConfig.class)
public class RecordingCatalogImpl implements RecordingCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingCatalogImpl.class);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final RecordingRows rows;
  private final Path dataDirectory;
  private final Clock clock;
  private final LiveRecordings live = new LiveRecordings();
  private final ScheduledExecutorService sweeper;
  private final RecordingCompressor compressor = new RecordingCompressor("sox");

  /** The settings in force; replaced whole when the configuration changes (no restart). */
  private volatile Settings settings;

  private java.util.concurrent.ScheduledFuture<?> sweeps;

  /**
   * @param directory where recordings go
   * @param retention how long a recording is kept
   * @param policy which calls are recorded
   * @param sweepMinutes minutes between retention runs
   */
  private record Settings(
      Path directory,
      Duration retention,
      RecordingPolicy policy,
      int sweepMinutes,
      RecordingFormat format) {
    static Settings of(Path base, RecordingConfig config) {
      if (config.retentionDays() < 1 || config.retentionDays() > 3650) {
        throw new IllegalArgumentException(
            "retentionDays must be 1-3650, got " + config.retentionDays());
      }
      if (config.sweepMinutes() < 1) {
        throw new IllegalArgumentException("sweepMinutes must be positive");
      }
      return new Settings(
          base.resolve(config.directory()).toAbsolutePath().normalize(),
          Duration.ofDays(config.retentionDays()),
          new RecordingPolicy(
              Set.copyOf(org.switchboard.core.api.ConfigValues.list(config.recordQueues())),
              Set.copyOf(org.switchboard.core.api.ConfigValues.list(config.recordAgents()))),
          config.sweepMinutes(),
          RecordingFormat.parse(config.format()));
    }
  }

  @Activate
  public RecordingCatalogImpl(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations,
      RecordingConfig config) {
    this(
        migrated(dataSource, migrations),
        Path.of(System.getProperty("karaf.data", ".")),
        config,
        Clock.systemUTC());
  }

  /**
   * @param dataDirectory what {@code directory} of the configuration is relative to
   */
  RecordingCatalogImpl(
      DataSource dataSource, Path dataDirectory, RecordingConfig config, Clock clock) {
    this.rows = new RecordingRows(dataSource);
    this.dataDirectory = dataDirectory;
    this.settings = Settings.of(dataDirectory, config);
    this.clock = clock;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-recording-retention");
              t.setDaemon(true);
              return t;
            });
    scheduleSweeps();
  }

  /**
   * A changed configuration applies at once, without restarting the component, so recordings in
   * progress and the REST resources that use the catalogue stay. A new {@code directory} takes new
   * recordings; move the existing files there with it.
   */
  @org.osgi.service.component.annotations.Modified
  void modified(RecordingConfig config) {
    Settings next = Settings.of(dataDirectory, config);
    boolean reschedule = next.sweepMinutes() != settings.sweepMinutes();
    settings = next;
    if (reschedule) {
      scheduleSweeps();
    }
  }

  private synchronized void scheduleSweeps() {
    if (sweeps != null) {
      sweeps.cancel(false);
    }
    long every = settings.sweepMinutes() * 60L;
    sweeps = sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, every, TimeUnit.SECONDS);
  }

  private static DataSource migrated(DataSource ds, SchemaMigrations migrations) {
    migrations.migrate(ds, MigrationPlan.forOwner("recording", RecordingCatalogImpl.class));
    return ds;
  }

  @Deactivate
  void stop() {
    sweeper.shutdownNow();
  }

  @Override
  public boolean shouldRecord(String queue, String agentId, Map<String, String> attributes) {
    return settings.policy().shouldRecord(queue, agentId, attributes);
  }

  @Override
  public PlannedRecording plan(String interactionId, String agentId, String queue) {
    Identifiers.require("interactionId", interactionId);
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Path file = settings.directory().resolve(DAY.format(now)).resolve(id + ".wav");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new org.switchboard.core.api.SwitchboardException(
          "the recordings directory " + file.getParent() + " cannot be created", e);
    }
    return new PlannedRecording(id, interactionId, agentId, queue, file, now);
  }

  @Override
  public void started(PlannedRecording planned, Recording recording) {
    live.add(planned, recording);
  }

  @Override
  public RecordingInfo stored(PlannedRecording planned, RecordedFile file) {
    live.remove(planned);
    Settings now = settings;
    Path kept = file.file();
    long bytes = file.bytes();
    String sha256 = file.sha256();
    Optional<Path> compressed = compressor.compress(file.file(), now.format());
    if (compressed.isPresent()) {
      try {
        sha256 = RecordedFile.sha256(compressed.get());
        bytes = Files.size(compressed.get());
        kept = compressed.get();
      } catch (IOException e) {
        throw new org.switchboard.core.api.SwitchboardException(
            "the compressed recording " + compressed.get() + " cannot be read", e);
      }
    }
    RecordingInfo info =
        new RecordingInfo(
            planned.id(),
            planned.interactionId(),
            planned.agentId(),
            planned.queue(),
            "STORED",
            file.startedAt(),
            file.startedAt().plus(file.duration()),
            file.duration(),
            file.paused(),
            bytes,
            sha256,
            file.startedAt().plus(now.retention()));
    rows.insert(info, now.directory().relativize(kept.toAbsolutePath().normalize()).toString());
    return info;
  }

  @Override
  public void failed(PlannedRecording planned, String reason) {
    live.remove(planned);
    LOG.warn(
        "Recording {} of interaction {} failed: {}", planned.id(), planned.interactionId(), reason);
    try {
      Files.deleteIfExists(planned.file());
    } catch (IOException e) {
      LOG.warn("Could not remove the incomplete recording {}: {}", planned.file(), e.toString());
    }
  }

  @Override
  public int pause(String interactionId, boolean pause) {
    List<Recording> running = live.of(interactionId);
    if (running.isEmpty()) {
      throw new NotFoundException("recording of interaction", interactionId);
    }
    for (Recording r : running) {
      if (pause) {
        r.pause();
      } else {
        r.resume();
      }
    }
    return running.size();
  }

  @Override
  public Optional<Boolean> paused(String interactionId) {
    List<Recording> running = live.of(interactionId);
    return running.isEmpty()
        ? Optional.empty()
        : Optional.of(running.stream().allMatch(Recording::paused));
  }

  @Override
  public Optional<RecordingInfo> find(String id) {
    return rows.find(id);
  }

  @Override
  public List<RecordingInfo> search(RecordingQuery query) {
    return rows.search(query);
  }

  @Override
  public Path open(String id, String user, String purpose) {
    Identifiers.require("user", user);
    String why = purpose == null ? "" : purpose.replaceAll("\\p{Cntrl}", " ").strip();
    if (why.isEmpty() || why.length() > 256) {
      throw new ValidationException(
          "purpose", "say why the recording is opened (1-256 characters)");
    }
    String relative = rows.file(id).orElseThrow(() -> new NotFoundException("recording", id));
    Path directory = settings.directory();
    Path file = directory.resolve(relative).normalize();
    if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
      throw new NotFoundException("recording file", id);
    }
    rows.logAccess(new RecordingAccess(id, user, clock.instant(), "open", why));
    return file;
  }

  @Override
  public List<RecordingAccess> accesses(String id) {
    return rows.accesses(id);
  }

  /**
   * Deletes the files of recordings whose retention has ended and marks their rows deleted (the
   * metadata and access log stay).
   *
   * @return how many were deleted
   */
  int sweep() {
    Instant now = clock.instant();
    live.dropOlderThan(now.minus(Duration.ofDays(1)));
    int deleted = 0;
    for (String[] expired : rows.expired(now, 1000)) {
      try {
        Files.deleteIfExists(settings.directory().resolve(expired[1]).normalize());
        rows.markDeleted(expired[0]);
        rows.logAccess(new RecordingAccess(expired[0], "retention", now, "delete", "retention"));
        deleted++;
      } catch (IOException e) {
        LOG.warn("Retention could not delete recording {}: {}", expired[0], e.toString());
      }
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) {
        LOG.info("Retention deleted {} recordings", n);
      }
    } catch (RuntimeException e) {
      LOG.warn("Recording retention failed: {}", e.toString());
    }
  }
}
