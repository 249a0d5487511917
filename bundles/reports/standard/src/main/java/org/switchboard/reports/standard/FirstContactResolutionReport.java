package org.switchboard.reports.standard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportParameter;
import org.switchboard.reports.api.ReportParameter.Type;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/**
 * First-contact resolution: of the answered contacts of known customers, the share after which the
 * same customer did not contact the center again within the repeat window, on any channel.
 */
@Component(service = Report.class)
public class FirstContactResolutionReport implements Report {
  static final String ALL = "(all queues)";

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "first-contact-resolution",
          "First-contact resolution",
          "Answered contacts of known customers not followed by another contact of the same customer"
              + " within the repeat window, per queue.",
          List.of(
              Range.FROM,
              Range.TO,
              ReportParameter.of("repeatWindow", "Repeat window", Type.DURATION, false, "P3D"),
              Range.QUEUE,
              Range.ZONE));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("queue", "Queue", Kind.TEXT),
          new Column("contacts", "Answered contacts of known customers", Kind.COUNT),
          new Column("repeated", "Followed by a repeat", Kind.COUNT),
          new Column("resolved", "Resolved at first contact", Kind.COUNT),
          new Column("firstContactResolution", "First-contact resolution", Kind.RATIO));

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    Duration window = request.duration("repeatWindow", Duration.ofDays(3));
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(31)) > 0) {
      throw new ValidationException("repeatWindow", "must be more than 0 and at most 31 days");
    }
    String queue = request.text("queue", null);
    Map<String, QueueVisit> lastByCustomer = new HashMap<>();
    Map<String, long[]> byQueue = new TreeMap<>(); // queue -> {contacts, repeated}
    // Every queue's contacts until the window after the range: a repeat may come in any queue.
    data.forEachVisit(
        range.from(),
        range.to().plus(window),
        null,
        v -> {
          if (v.customerRef() == null || v.visit() != 1) {
            return; // unknown customers cannot repeat; a transfer is not a new contact
          }
          QueueVisit earlier = lastByCustomer.put(v.customerRef(), v);
          if (earlier != null && counted(earlier, range, queue)) {
            Instant end =
                earlier.completedAt() != null ? earlier.completedAt() : earlier.queuedAt();
            if (!v.queuedAt().isAfter(end.plus(window))) {
              byQueue.get(earlier.queue())[1]++;
            }
          }
          if (counted(v, range, queue)) {
            byQueue.computeIfAbsent(v.queue(), q -> new long[2])[0]++;
          }
        });
    List<List<Object>> rows = new ArrayList<>();
    long[] all = new long[2];
    byQueue.forEach(
        (q, c) -> {
          rows.add(row(q, c));
          all[0] += c[0];
          all[1] += c[1];
        });
    if (byQueue.size() > 1) {
      rows.add(row(ALL, all));
    }
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put(
        "contacts",
        "first visits of interactions of known customers (a customerRef) answered, entering the"
            + " queue in the range");
    formulas.put(
        "repeated",
        "of them, those after which the same customer's next contact (any queue, any channel,"
            + " answered or not) entered a queue within "
            + window
            + " of the contact's completion");
    formulas.put("firstContactResolution", "(contacts - repeated) / contacts");
    return new ReportResult(
        "First-contact resolution (repeat window " + window + "), " + range.label(),
        COLUMNS,
        rows,
        formulas);
  }

  private static boolean counted(QueueVisit v, Range range, String queue) {
    return v.answered()
        && !v.queuedAt().isBefore(range.from())
        && v.queuedAt().isBefore(range.to())
        && (queue == null || queue.equals(v.queue()));
  }

  private static List<Object> row(String queue, long[] c) {
    return Arrays.asList(
        queue, c[0], c[1], c[0] - c[1], c[0] == 0 ? null : (double) (c[0] - c[1]) / c[0]);
  }
}
