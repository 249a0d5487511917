package org.switchboard.reports.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.event.EventHistory;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;
import org.switchboard.reports.api.AgentSpan;
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ServiceLevel;

/**
 * The report facts: a thread reads the event log after its cursor (stored with the facts, in the
 * same transaction) and projects it into queue visits and agent state spans, so that no event is
 * missed or applied twice whatever restarts. New events wake it at once; it also looks every {@code
 * pollMillis}.
 */
@Component(
    service = {ReportData.class, ReportFacts.class, EventListener.class},
    configurationPid = "org.switchboard.reports")
@Designate(ocd = ReportsConfig.class)
public class ReportFacts implements ReportData, EventListener {
  private static final Logger LOG = LoggerFactory.getLogger(ReportFacts.class);
  private static final int BATCH = 1000;

  private final DataSource dataSource;
  private final EventHistory history;
  private final QueueService queues;
  private final Duration shortAbandon;
  private final ServiceLevel defaultLevel;
  private final Map<String, ServiceLevel> levels;
  private final Duration defaultThreshold;
  private final long pollMillis;
  private final Semaphore wake = new Semaphore(0);
  private final Thread worker;
  private volatile boolean running = true;
  private volatile long applied;

  /**
   * The open visits, open agent spans and cursor as last committed, kept between rounds (reading
   * them back on every round scanned the whole visit table for each new event); null until read,
   * and again after a failed round or a rebuild. Guarded by {@code this}.
   */
  private Progress progress;

  /** What the projection carries from one batch to the next. */
  private record Progress(
      Map<String, OpenVisit> open, Map<String, AgentSpans.Row> spans, long cursor) {}

  @Activate
  public ReportFacts(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations,
      @Reference EventHistory history,
      @Reference QueueService queues,
      ReportsConfig config) {
    this.dataSource = dataSource;
    this.history = history;
    this.queues = queues;
    this.shortAbandon = Duration.ofSeconds(Math.max(0, config.shortAbandonSeconds()));
    this.defaultLevel = level("serviceLevel", config.serviceLevel());
    this.levels = levels(config.queueServiceLevels());
    this.defaultThreshold = Duration.ofSeconds(Math.max(0, config.defaultServiceLevelSeconds()));
    this.pollMillis = Math.max(50, config.pollMillis());
    migrations.migrate(dataSource, MigrationPlan.forOwner("reports", ReportFacts.class));
    this.worker = new Thread(this::run, "reports-projection");
    worker.setDaemon(true);
    worker.start();
  }

  private static ServiceLevel level(String key, String value) {
    try {
      return ServiceLevel.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ValidationException(
          key,
          "must be one of "
              + java.util.Arrays.toString(ServiceLevel.values())
              + ", got '"
              + value
              + "'");
    }
  }

  private static Map<String, ServiceLevel> levels(String[] entries) {
    Map<String, ServiceLevel> out = new HashMap<>();
    for (String entry : entries == null ? new String[0] : entries) {
      for (String one : entry.split(",")) {
        if (one.isBlank()) {
          continue;
        }
        int eq = one.indexOf('=');
        if (eq < 1) {
          throw new ValidationException(
              "queueServiceLevels", "entries are queue=VARIANT, got '" + one.strip() + "'");
        }
        out.put(one.substring(0, eq).strip(), level("queueServiceLevels", one.substring(eq + 1)));
      }
    }
    return Map.copyOf(out);
  }

  @Override
  public void onEvent(SwitchboardEvent event) {
    wake.release();
  }

  @Override
  public void forEachVisit(
      Instant from, Instant to, String queue, java.util.function.Consumer<QueueVisit> action) {
    read(
        c -> {
          VisitRows.between(c, from, to, queue, action);
          return null;
        });
  }

  @Override
  public void forEachAgentSpan(
      Instant from, Instant to, String agent, java.util.function.Consumer<AgentSpan> action) {
    read(
        c -> {
          AgentSpans.between(c, from, to, agent, action);
          return null;
        });
  }

  @Override
  public MetricSettings settings(String queue) {
    Duration threshold =
        queue == null
            ? defaultThreshold
            : queues.find(queue).map(q -> q.serviceLevelThreshold()).orElse(defaultThreshold);
    ServiceLevel level = queue == null ? defaultLevel : levels.getOrDefault(queue, defaultLevel);
    return new MetricSettings(threshold, shortAbandon, level);
  }

  @Override
  public long upToSequence() {
    return applied;
  }

  /** Projects everything in the log now, on the caller's thread; for tests and the shell. */
  public synchronized long catchUp() throws SQLException {
    if (progress == null) {
      progress =
          new Progress(read(VisitRows::open), read(AgentSpans::open), read(VisitRows::cursor));
    }
    while (true) {
      List<SwitchboardEvent> batch = history.after(progress.cursor(), BATCH);
      if (batch.isEmpty()) {
        applied = progress.cursor();
        return applied;
      }
      try {
        progress = new Progress(progress.open(), progress.spans(), applyBatch(batch));
      } catch (SQLException | RuntimeException e) {
        progress = null; // the maps may hold the failed batch: read the tables again
        throw e;
      }
      applied = progress.cursor();
    }
  }

  /** Forgets every fact and projects the whole log again. */
  public synchronized long rebuild() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      VisitRows.clear(c);
      AgentSpans.clear(c);
      c.commit();
    }
    progress = null;
    applied = 0;
    return catchUp();
  }

  /** Applies one batch to {@link #progress}'s maps and stores it; returns its last sequence. */
  private long applyBatch(List<SwitchboardEvent> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        VisitProjection projection =
            new VisitProjection(
                progress.open(),
                id -> {
                  try {
                    return VisitRows.lastVisit(c, id);
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        AgentSpans agents = new AgentSpans(progress.spans());
        for (SwitchboardEvent e : batch) {
          projection.apply(e);
          agents.apply(e);
        }
        for (OpenVisit v : projection.drainChanged()) {
          VisitRows.save(c, v);
        }
        agents.save(c);
        long last = batch.get(batch.size() - 1).sequence();
        VisitRows.advance(c, last);
        c.commit();
        return last;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private void run() {
    long backoff = pollMillis;
    while (running) {
      try {
        catchUp();
        backoff = pollMillis;
        wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.error("Projecting events into report facts failed; retrying in {} ms", backoff, e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  /** Stops the projection thread (DS calls it when the component goes). */
  @Deactivate
  public void close() throws InterruptedException {
    running = false;
    worker.interrupt();
    worker.join(5000);
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Sql<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new SwitchboardException("report database error: " + e.getMessage(), e);
    }
  }
}
