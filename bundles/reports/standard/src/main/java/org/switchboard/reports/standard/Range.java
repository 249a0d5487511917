package org.switchboard.reports.standard;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.ReportParameter;
import org.switchboard.reports.api.ReportParameter.Type;
import org.switchboard.reports.api.ReportRequest;

/** The time range and zone every report takes: {@code from}, {@code to}, {@code zone}. */
record Range(Instant from, Instant to, ZoneId zone) {
  /** The longest range one run covers. */
  static final Duration MAX = Duration.ofDays(93);

  static final ReportParameter FROM =
      ReportParameter.of("from", "From (ISO-8601 instant)", Type.INSTANT, true, null);
  static final ReportParameter TO =
      ReportParameter.of("to", "To, exclusive (ISO-8601 instant)", Type.INSTANT, true, null);
  static final ReportParameter ZONE =
      ReportParameter.of("zone", "Time zone of the intervals", Type.TEXT, false, "UTC");
  static final ReportParameter QUEUE =
      ReportParameter.of("queue", "Queue (empty: every queue)", Type.TEXT, false, null);

  static Range of(ReportRequest request) {
    Instant from = request.instant("from");
    Instant to = request.instant("to");
    if (!to.isAfter(from)) {
      throw new ValidationException("to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(MAX) > 0) {
      throw new ValidationException("to", "a report covers at most " + MAX.toDays() + " days");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(request.text("zone", "UTC"));
    } catch (DateTimeException e) {
      throw new ValidationException(
          "zone", "a time zone like Europe/Berlin or UTC, got '" + request.text("zone", "") + "'");
    }
    return new Range(from, to, zone);
  }

  /** The range as a title says it. */
  String label() {
    return from + " to " + to + (zone.getId().equals("UTC") ? "" : " (" + zone.getId() + ")");
  }
}
