package org.switchboard.reports.standard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/** The contacts of each channel: their share of all contacts and the queue figures per channel. */
@Component(service = Report.class)
public class ChannelMixReport implements Report {
  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "channel-mix",
          "Channel mix",
          "How many contacts came by each channel (voice, chat, email...), their share, and the"
              + " queue figures per channel.",
          List.of(Range.FROM, Range.TO, Range.QUEUE, Range.ZONE));

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    QueueIntervalReport.Settings settings = new QueueIntervalReport.Settings(request, data);
    Map<String, QueueMetrics.Accumulator> byChannel = new TreeMap<>();
    long[] all = {0};
    data.forEachVisit(
        range.from(),
        range.to(),
        request.text("queue", null),
        v -> {
          all[0]++;
          byChannel
              .computeIfAbsent(
                  v.channel(), c -> new QueueMetrics.Accumulator(settings.of(v.queue())))
              .add(v);
        });
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("channel", "Channel", Kind.TEXT));
    columns.add(new Column("share", "Share of contacts", Kind.RATIO));
    columns.addAll(Columns.FIGURES);
    List<List<Object>> rows = new ArrayList<>();
    byChannel.forEach(
        (channel, sums) -> {
          List<Object> row = Columns.row(channel, null, sums.figures());
          row.add(1, all[0] == 0 ? null : (double) sums.figures().offered() / all[0]);
          rows.add(row);
        });
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put("share", "offered in the channel / offered in every channel");
    formulas.put(
        "serviceLevel",
        "per channel, each contact counted with the threshold and variant of its queue");
    return new ReportResult("Channel mix, " + range.label(), columns, rows, formulas);
  }
}
