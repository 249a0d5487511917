package org.switchboard.benchmarks;

import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.h2.jdbcx.JdbcDataSource;
import org.switchboard.core.api.event.EventHistory;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.engine.ReportFacts;
import org.switchboard.reports.engine.ReportsConfig;
import org.switchboard.reports.standard.QueueIntervalReport;

/**
 * The queue interval report over generated facts: {@code --interactions} queue visits (default
 * 1,000,000) spread evenly over 30 days and 8 queues in an H2 file database with the reports
 * schema, then the report (30-minute intervals, every queue) for one day and for the whole month,
 * through {@code ReportFacts} as the appliance runs it. Reference in the same run: the database
 * itself counting the same rows per queue and interval in one {@code GROUP BY} (no metrics, no
 * objects), the least any report over these rows can cost.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.switchboard.benchmarks.ReportBenchmark [--interactions 1000000] [--runs 5]}. The database is
 * kept in {@code <java.io.tmpdir>/switchboard-report-bench-<n>} for later runs.
 */
public final class ReportBenchmark {
  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  private static final int DAYS = 30;
  private static final String[] QUEUES = {
    "support", "sales", "billing", "tech", "vip", "claims", "returns", "general"
  };

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkOptions o = new BenchmarkOptions(Map.of("interactions", "1000000", "runs", "5"), args);
    int n = o.integer("interactions");
    int runs = o.integer("runs");
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-report-bench-" + n);
    boolean fresh = !Files.exists(dir.resolve("reports.mv.db"));
    JdbcDataSource db = new JdbcDataSource();
    db.setURL(
        "jdbc:h2:file:" + dir.resolve("reports") + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH");
    ReportFacts facts =
        new ReportFacts(db, new FlywaySchemaMigrations(), noEvents(), noQueues(), config());
    try {
      if (fresh) {
        long t0 = System.nanoTime();
        load(db, n);
        System.out.printf("loaded %,d visits in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      }
      QueueIntervalReport report = new QueueIntervalReport();
      Instant day = START.plus(Duration.ofDays(14));
      System.out.println(
          "| Range | Visits | Report (ms) | SQL GROUP BY (ms) | Ratio | Report CPU (ms) |");
      System.out.println("|---|---|---|---|---|---|");
      for (Instant[] range :
          List.of(
              new Instant[] {day, day.plus(Duration.ofDays(1))},
              new Instant[] {START, START.plus(Duration.ofDays(DAYS))})) {
        measure(db, facts, report, range[0], range[1], runs);
      }
    } finally {
      facts.close();
    }
  }

  private static void measure(
      JdbcDataSource db,
      ReportFacts facts,
      QueueIntervalReport report,
      Instant from,
      Instant to,
      int runs)
      throws Exception {
    ReportRequest request =
        ReportRequest.of(report.definition(), Map.of("from", from.toString(), "to", to.toString()));
    long best = Long.MAX_VALUE;
    long bestCpu = 0;
    long bestSql = Long.MAX_VALUE;
    long visits = 0;
    var threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < runs + 1; r++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      ReportResult result = report.run(request, facts);
      long took = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      visits = 0;
      for (List<Object> row : result.rows()) {
        if ("Total".equals(row.get(1))) {
          visits += (Long) row.get(2);
        }
      }
      long t1 = System.nanoTime();
      long counted = groupBy(db, from, to);
      long sql = System.nanoTime() - t1;
      if (counted != visits) {
        throw new IllegalStateException("the report counted " + visits + ", SQL " + counted);
      }
      if (r > 0) { // the first run warms up
        if (took < best) {
          best = took;
          bestCpu = cpu;
        }
        bestSql = Math.min(bestSql, sql);
      }
    }
    System.out.printf(
        "| %s to %s | %,d | %.0f | %.0f | %.1f | %.0f |%n",
        from, to, visits, best / 1e6, bestSql / 1e6, (double) best / bestSql, bestCpu / 1e6);
  }

  /** The reference: the rows counted per queue and half hour by the database alone. */
  private static long groupBy(JdbcDataSource db, Instant from, Instant to) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT queue, DATEADD(MINUTE, 30 * (DATEDIFF(MINUTE, TIMESTAMP '2000-01-01 00:00:00',"
                    + " CAST(queued_at AS TIMESTAMP)) / 30), TIMESTAMP '2000-01-01 00:00:00') AS slot,"
                    + " COUNT(*), SUM(CASE WHEN answered_at IS NULL THEN 0 ELSE 1 END)"
                    + " FROM report_visit WHERE queued_at >= ? AND queued_at < ?"
                    + " GROUP BY queue, slot")) {
      ps.setObject(1, from.atOffset(ZoneOffset.UTC));
      ps.setObject(2, to.atOffset(ZoneOffset.UTC));
      long total = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          total += rs.getLong(3);
        }
      }
      return total;
    }
  }

  /** {@code n} visits: 70 % answered, 20 % abandoned, 5 % callbacks, 5 % transferred on. */
  private static void load(JdbcDataSource db, int n) throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    long spanMillis = Duration.ofDays(DAYS).toMillis();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO report_visit (interaction_id, visit, channel, queue, customer_ref,"
                  + " queued_at, callback_at, answered_at, agent, ended_at, completed_at, outcome,"
                  + " hold_ms, hold_since, transfers, disposition, open)"
                  + " VALUES (?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, FALSE)")) {
        for (int i = 0; i < n; i++) {
          Instant queued = START.plusMillis((long) i * spanMillis / n);
          int kind = random.nextInt(100);
          long wait = 1 + random.nextInt(kind < 70 ? 60 : 180);
          boolean answered = kind < 70 || kind >= 90;
          Instant answer = answered ? queued.plusSeconds(wait) : null;
          Instant ended =
              answered ? answer.plusSeconds(60 + random.nextInt(600)) : queued.plusSeconds(wait);
          ps.setString(1, "i" + i);
          ps.setString(2, i % 5 == 0 ? "chat" : "voice");
          ps.setString(3, QUEUES[i % QUEUES.length]);
          ps.setObject(4, queued.atOffset(ZoneOffset.UTC));
          ps.setObject(
              5, kind >= 90 && kind < 95 ? queued.plusSeconds(5).atOffset(ZoneOffset.UTC) : null);
          ps.setObject(6, answer == null ? null : answer.atOffset(ZoneOffset.UTC));
          ps.setString(7, answered ? "agent" + random.nextInt(200) : null);
          ps.setObject(8, ended.atOffset(ZoneOffset.UTC));
          ps.setObject(
              9, answered ? ended.plusSeconds(random.nextInt(60)).atOffset(ZoneOffset.UTC) : null);
          ps.setString(
              10, !answered ? "ABANDONED" : kind >= 95 ? "ANSWERED_THEN_TRANSFERRED" : "ANSWERED");
          ps.setLong(11, answered && random.nextInt(10) == 0 ? 30_000 : 0);
          ps.setInt(12, kind >= 95 ? 1 : 0);
          ps.setString(13, answered ? (random.nextInt(10) == 0 ? "complaint" : "resolved") : null);
          ps.addBatch();
          if (i % 5000 == 4999) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
      c.commit();
    }
  }

  private static EventHistory noEvents() {
    return new EventHistory() {
      @Override
      public List<SwitchboardEvent> after(long sequence, int limit) {
        return List.of();
      }

      @Override
      public long lastSequence() {
        return 0;
      }
    };
  }

  private static QueueService noQueues() {
    return (QueueService)
        Proxy.newProxyInstance(
            QueueService.class.getClassLoader(),
            new Class<?>[] {QueueService.class},
            (proxy, method, a) -> method.getName().equals("find") ? Optional.empty() : null);
  }

  private static ReportsConfig config() {
    return new ReportsConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return ReportsConfig.class;
      }

      @Override
      public int shortAbandonSeconds() {
        return 5;
      }

      @Override
      public String serviceLevel() {
        return "ABANDONS_AGAINST";
      }

      @Override
      public String[] queueServiceLevels() {
        return new String[0];
      }

      @Override
      public int defaultServiceLevelSeconds() {
        return 20;
      }

      @Override
      public long pollMillis() {
        return 60_000;
      }

      @Override
      public String zone() {
        return "UTC";
      }

      @Override
      public int alertWaiting() {
        return 10;
      }

      @Override
      public int alertLongestWaitSeconds() {
        return 120;
      }
    };
  }
}
