package org.switchboard.reports.standard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueVisit.Outcome;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/**
 * When customers give up: abandons per queue by how long they had waited, with the share and the
 * cumulative share, and which of them were short abandons.
 */
@Component(service = Report.class)
public class AbandonmentReport implements Report {
  /** Upper bounds of the wait buckets, in seconds; the last bucket is open. */
  static final long[] BOUNDS = {5, 10, 20, 30, 60, 120, 300};

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "abandonment",
          "Abandonment analysis",
          "Abandoned contacts per queue by how long they waited before giving up.",
          List.of(Range.FROM, Range.TO, Range.QUEUE, Range.ZONE));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("queue", "Queue", Kind.TEXT),
          new Column("waited", "Waited", Kind.TEXT),
          new Column("abandoned", "Abandoned", Kind.COUNT),
          new Column("short", "Of them short abandons", Kind.COUNT),
          new Column("share", "Share", Kind.RATIO),
          new Column("cumulative", "Cumulative share", Kind.RATIO));

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    Map<String, long[][]> byQueue = new TreeMap<>(); // queue -> bucket -> {count, short}
    Map<String, MetricSettings> settings = new java.util.HashMap<>();
    data.forEachVisit(
        range.from(),
        range.to(),
        request.text("queue", null),
        v -> {
          if (v.outcome() != Outcome.ABANDONED || v.waitTime() == null) {
            return;
          }
          MetricSettings s = settings.computeIfAbsent(v.queue(), data::settings);
          long[][] buckets =
              byQueue.computeIfAbsent(v.queue(), q -> new long[BOUNDS.length + 1][2]);
          Duration wait = v.waitTime();
          long[] b = buckets[bucket(wait)];
          b[0]++;
          b[1] += wait.compareTo(s.shortAbandonThreshold()) < 0 ? 1 : 0;
        });
    List<List<Object>> rows = new ArrayList<>();
    byQueue.forEach(
        (queue, buckets) -> {
          long total = 0;
          for (long[] b : buckets) {
            total += b[0];
          }
          long running = 0;
          for (int i = 0; i < buckets.length; i++) {
            running += buckets[i][0];
            rows.add(
                java.util.Arrays.asList(
                    queue,
                    label(i),
                    buckets[i][0],
                    buckets[i][1],
                    (double) buckets[i][0] / total,
                    (double) running / total));
          }
        });
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put(
        "abandoned",
        "every abandoned visit, short ones included, by its wait until the customer left");
    formulas.put("short", "of them, those under the queue's short-abandon threshold");
    formulas.put("share", "abandoned in the bucket / abandoned in the queue");
    formulas.put("cumulative", "abandoned up to this bucket / abandoned in the queue");
    return new ReportResult("Abandonment analysis, " + range.label(), COLUMNS, rows, formulas);
  }

  static int bucket(Duration wait) {
    long s = wait.toMillis();
    for (int i = 0; i < BOUNDS.length; i++) {
      if (s < BOUNDS[i] * 1000) {
        return i;
      }
    }
    return BOUNDS.length;
  }

  static String label(int bucket) {
    long lower = bucket == 0 ? 0 : BOUNDS[bucket - 1];
    return bucket == BOUNDS.length ? lower + " s or more" : lower + "-" + BOUNDS[bucket] + " s";
  }
}
