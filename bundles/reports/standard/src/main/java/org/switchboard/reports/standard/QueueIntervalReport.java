package org.switchboard.reports.standard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportParameter;
import org.switchboard.reports.api.ReportParameter.Type;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ServiceLevel;

/**
 * Queue figures per interval (15, 30 or 60 minutes in the chosen zone) and a total per queue:
 * offered, answered, abandoned, service level, ASA, AHT and the rest, each queue counted with its
 * own threshold and service-level variant unless the run overrides them.
 */
@Component(service = Report.class)
public class QueueIntervalReport implements Report {
  static final String ID = "queue-interval";
  static final String TOTAL = "Total";

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          ID,
          "Queue interval report",
          "Offered, answered and abandoned contacts, service level, speed of answer and handle"
              + " time per queue and interval, with a total per queue.",
          List.of(
              Range.FROM,
              Range.TO,
              new ReportParameter(
                  "interval",
                  "Interval (minutes)",
                  Type.CHOICE,
                  false,
                  "30",
                  List.of("15", "30", "60")),
              Range.QUEUE,
              Range.ZONE,
              new ReportParameter(
                  "serviceLevel",
                  "Service-level variant (empty: each queue's)",
                  Type.CHOICE,
                  false,
                  null,
                  List.of("ABANDONS_IGNORED", "ABANDONS_AGAINST", "ABANDONS_FOR")),
              ReportParameter.of(
                  "serviceLevelThreshold",
                  "Service-level threshold (empty: each queue's)",
                  Type.DURATION,
                  false,
                  null)));

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    int minutes = Integer.parseInt(request.text("interval", "30"));
    Settings settings = new Settings(request, data);
    // queue -> interval start -> sums; and queue -> total
    Map<String, Map<Instant, QueueMetrics.Accumulator>> byQueue = new TreeMap<>();
    Map<String, QueueMetrics.Accumulator> totals = new TreeMap<>();
    data.forEachVisit(
        range.from(),
        range.to(),
        request.text("queue", null),
        v -> {
          MetricSettings s = settings.of(v.queue());
          byQueue
              .computeIfAbsent(v.queue(), q -> new TreeMap<>())
              .computeIfAbsent(
                  start(v.queuedAt(), range, minutes), t -> new QueueMetrics.Accumulator(s))
              .add(v);
          totals.computeIfAbsent(v.queue(), q -> new QueueMetrics.Accumulator(s)).add(v);
        });
    List<List<Object>> rows = new ArrayList<>();
    byQueue.forEach(
        (queue, intervals) -> {
          intervals.forEach(
              (start, sums) ->
                  rows.add(
                      Columns.row(
                          queue,
                          start.atZone(range.zone()).toLocalDateTime().toString(),
                          sums.figures())));
          rows.add(Columns.row(queue, TOTAL, totals.get(queue).figures()));
        });
    Map<String, String> formulas = new java.util.LinkedHashMap<>();
    formulas.put(
        "interval",
        minutes + " minutes, by the time a contact entered the queue, in " + range.zone().getId());
    byQueue.keySet().forEach(q -> formulas.put("settings." + q, Settings.describe(settings.of(q))));
    Map<String, String> general =
        new java.util.LinkedHashMap<>(
            QueueMetrics.formulas(
                settings.of(byQueue.isEmpty() ? null : byQueue.keySet().iterator().next())));
    if (byQueue.size() > 1) {
      general.put(
          "serviceLevel",
          "per queue, as its settings line says, without short abandons and callbacks");
    }
    formulas.putAll(general);
    return new ReportResult(
        "Queue interval report, " + range.label(), Columns.QUEUE_INTERVAL, rows, formulas);
  }

  /** The start of the interval an instant falls in, in the range's zone. */
  static Instant start(Instant t, Range range, int minutes) {
    ZonedDateTime z = t.atZone(range.zone()).truncatedTo(ChronoUnit.MINUTES);
    int minuteOfDay = z.getHour() * 60 + z.getMinute();
    return z.truncatedTo(ChronoUnit.DAYS)
        .plusMinutes(minuteOfDay - minuteOfDay % minutes)
        .toInstant();
  }

  /** Each queue's settings, with the run's overrides. */
  static final class Settings {
    private final ReportData data;
    private final ServiceLevel variant;
    private final Duration threshold;
    private final Map<String, MetricSettings> cache = new java.util.HashMap<>();

    Settings(ReportRequest request, ReportData data) {
      this.data = data;
      String v = request.text("serviceLevel", null);
      this.variant = v == null ? null : ServiceLevel.valueOf(v);
      this.threshold = request.duration("serviceLevelThreshold", null);
    }

    MetricSettings of(String queue) {
      return cache.computeIfAbsent(
          String.valueOf(queue),
          q -> {
            MetricSettings s = data.settings(queue);
            return new MetricSettings(
                threshold == null ? s.serviceLevelThreshold() : threshold,
                s.shortAbandonThreshold(),
                variant == null ? s.serviceLevel() : variant);
          });
    }

    static String describe(MetricSettings s) {
      return "service level within "
          + s.serviceLevelThreshold().toSeconds()
          + " s, "
          + s.serviceLevel()
          + ": "
          + s.serviceLevel().formula()
          + "; short abandons within "
          + s.shortAbandonThreshold().toSeconds()
          + " s";
    }
  }
}
