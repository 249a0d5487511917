package org.switchboard.reports.standard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/**
 * How answered contacts ended: the count and share of each disposition code and its handle time.
 */
@Component(service = Report.class)
public class DispositionReport implements Report {
  static final String NONE = "(none)";

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "disposition-summary",
          "Disposition summary",
          "Answered contacts by the disposition agents closed them with: count, share and average"
              + " handle time.",
          List.of(Range.FROM, Range.TO, Range.QUEUE, Range.ZONE));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("disposition", "Disposition", Kind.TEXT),
          new Column("contacts", "Contacts", Kind.COUNT),
          new Column("share", "Share", Kind.RATIO),
          new Column("averageHandleTime", "AHT (s)", Kind.SECONDS));

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    Map<String, long[]> byCode = new TreeMap<>(); // code -> {count, handled, handle millis}
    long[] answered = {0};
    data.forEachVisit(
        range.from(),
        range.to(),
        request.text("queue", null),
        v -> {
          if (!v.answered() || v.completedAt() == null) {
            return;
          }
          answered[0]++;
          long[] sums =
              byCode.computeIfAbsent(
                  v.disposition() == null ? NONE : v.disposition(), c -> new long[3]);
          sums[0]++;
          Duration talk = v.talkTime();
          if (talk != null) {
            sums[1]++;
            sums[2] += talk.plus(v.hold()).plus(v.wrapTime()).toMillis();
          }
        });
    List<List<Object>> rows = new ArrayList<>();
    byCode.forEach(
        (code, s) ->
            rows.add(
                java.util.Arrays.asList(
                    code,
                    s[0],
                    answered[0] == 0 ? null : (double) s[0] / answered[0],
                    s[1] == 0 ? null : s[2] / 1000.0 / s[1])));
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put(
        "contacts",
        "answered visits completed with the disposition, by when they entered the queue");
    formulas.put("share", "contacts / every answered and completed visit");
    formulas.put("averageHandleTime", "sum of (talk + hold + wrap-up) / contacts");
    return new ReportResult("Disposition summary, " + range.label(), COLUMNS, rows, formulas);
  }
}
