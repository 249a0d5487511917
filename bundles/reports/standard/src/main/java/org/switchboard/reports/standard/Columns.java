package org.switchboard.reports.standard;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/** The queue figures as report columns, in one order on every report. */
final class Columns {
  private Columns() {}

  static final List<Column> FIGURES =
      List.of(
          new Column("offered", "Offered", Kind.COUNT),
          new Column("answered", "Answered", Kind.COUNT),
          new Column("abandoned", "Abandoned", Kind.COUNT),
          new Column("shortAbandoned", "Short abandons", Kind.COUNT),
          new Column("callbacks", "Callbacks", Kind.COUNT),
          new Column("transferredOut", "Moved to another queue", Kind.COUNT),
          new Column("transfers", "Transfers", Kind.COUNT),
          new Column("serviceLevel", "Service level", Kind.RATIO),
          new Column("abandonRate", "Abandon rate", Kind.RATIO),
          new Column("averageSpeedOfAnswer", "ASA (s)", Kind.SECONDS),
          new Column("averageHandleTime", "AHT (s)", Kind.SECONDS),
          new Column("averageTalkTime", "Talk (s)", Kind.SECONDS),
          new Column("averageHoldTime", "Hold (s)", Kind.SECONDS),
          new Column("averageWrapTime", "Wrap-up (s)", Kind.SECONDS),
          new Column("longestWait", "Longest wait (s)", Kind.SECONDS));

  static final List<Column> QUEUE_INTERVAL =
      with(new Column("queue", "Queue", Kind.TEXT), new Column("interval", "Interval", Kind.TEXT));

  static List<Column> with(Column... first) {
    List<Column> out = new ArrayList<>(List.of(first));
    out.addAll(FIGURES);
    return List.copyOf(out);
  }

  /** A row: the leading texts, then the figures in {@link #FIGURES} order. */
  static List<Object> row(String a, String b, QueueFigures f) {
    List<Object> row = new ArrayList<>();
    row.add(a);
    if (b != null) {
      row.add(b);
    }
    row.add(f.offered());
    row.add(f.answered());
    row.add(f.abandoned());
    row.add(f.shortAbandoned());
    row.add(f.callbacks());
    row.add(f.transferredOut());
    row.add(f.transfers());
    row.add(f.serviceLevel());
    row.add(f.abandonRate());
    row.add(f.averageSpeedOfAnswer());
    row.add(f.averageHandleTime());
    row.add(f.averageTalkTime());
    row.add(f.averageHoldTime());
    row.add(f.averageWrapTime());
    row.add(f.longestWait());
    return row;
  }
}
