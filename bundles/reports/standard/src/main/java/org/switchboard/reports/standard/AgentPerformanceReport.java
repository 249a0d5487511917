package org.switchboard.reports.standard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.switchboard.core.api.agent.AgentState;
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
 * Each agent's time and work: staffed, ready and not-ready time, contacts handled and their handle
 * time, and occupancy, with several chats at once counted as one busy stretch (and as load).
 */
@Component(service = Report.class)
public class AgentPerformanceReport implements Report {
  /** How far before the range a contact may have been queued and still be handled in it. */
  static final Duration LOOK_BACK = Duration.ofDays(1);

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "agent-performance",
          "Agent performance",
          "Per agent: staffed, ready and not-ready time, contacts handled, handle time, occupancy"
              + " and load (several chats at once).",
          List.of(
              Range.FROM,
              Range.TO,
              ReportParameter.of("agent", "Agent (empty: every agent)", Type.TEXT, false, null),
              Range.ZONE));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("agent", "Agent", Kind.TEXT),
          new Column("staffed", "Staffed (s)", Kind.SECONDS),
          new Column("ready", "Ready (s)", Kind.SECONDS),
          new Column("notReady", "Not ready (s)", Kind.SECONDS),
          new Column("handled", "Handled", Kind.COUNT),
          new Column("averageHandleTime", "AHT (s)", Kind.SECONDS),
          new Column("busy", "Busy (s)", Kind.SECONDS),
          new Column("occupancy", "Occupancy", Kind.RATIO),
          new Column("load", "Load", Kind.RATIO));

  /** Running sums of one agent. */
  private static final class Sums {
    long staffed;
    long ready;
    long notReady;
    long handled;
    long handleMillis;
    long handlingMillis;
    final List<long[]> busy = new ArrayList<>();
  }

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    Range range = Range.of(request);
    String only = request.text("agent", null);
    Instant from = range.from();
    Instant to = range.to();
    Map<String, Sums> byAgent = new TreeMap<>();
    data.forEachAgentSpan(
        from,
        to,
        only,
        s -> {
          long ms = s.within(from, to).toMillis();
          Sums sums = byAgent.computeIfAbsent(s.agent(), a -> new Sums());
          if (s.state() != AgentState.LOGGED_OUT) {
            sums.staffed += ms;
          }
          if (s.state() == AgentState.READY) {
            sums.ready += ms;
          } else if (s.state() == AgentState.NOT_READY) {
            sums.notReady += ms;
          }
        });
    data.forEachVisit(
        from.minus(LOOK_BACK),
        to,
        null,
        v -> {
          if (v.agent() == null
              || v.answeredAt() == null
              || (only != null && !only.equals(v.agent()))) {
            return;
          }
          Instant end =
              v.completedAt() != null ? v.completedAt() : v.endedAt() != null ? v.endedAt() : to;
          long a = Math.max(v.answeredAt().toEpochMilli(), from.toEpochMilli());
          long b = Math.min(end.toEpochMilli(), to.toEpochMilli());
          Sums sums = byAgent.computeIfAbsent(v.agent(), x -> new Sums());
          if (b > a) {
            sums.busy.add(new long[] {a, b});
            sums.handlingMillis += b - a;
          }
          if (!v.answeredAt().isBefore(from) && v.talkTime() != null) {
            sums.handled++;
            sums.handleMillis += v.talkTime().plus(v.hold()).plus(v.wrapTime()).toMillis();
          }
        });
    List<List<Object>> rows = new ArrayList<>();
    byAgent.forEach(
        (agent, s) -> {
          long busy = union(s.busy);
          long available = s.staffed - s.notReady;
          rows.add(
              Arrays.asList(
                  agent,
                  s.staffed / 1000.0,
                  s.ready / 1000.0,
                  s.notReady / 1000.0,
                  s.handled,
                  s.handled == 0 ? null : s.handleMillis / 1000.0 / s.handled,
                  busy / 1000.0,
                  available <= 0 ? null : Math.min(1.0, (double) busy / available),
                  available <= 0 ? null : (double) s.handlingMillis / available));
        });
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put("staffed", "time logged in (any state but LOGGED_OUT) inside the range");
    formulas.put("ready", "time in READY; notReady: time in NOT_READY (breaks, meetings)");
    formulas.put("handled", "contacts the agent accepted in the range whose conversation ended");
    formulas.put("averageHandleTime", "sum of (talk + hold + wrap-up) / handled");
    formulas.put(
        "busy",
        "time the agent had at least one contact, from accept to completed: three chats at once"
            + " for 10 minutes are 10 minutes busy");
    formulas.put("occupancy", "busy / (staffed - notReady), at most 1");
    formulas.put(
        "load",
        "sum over contacts of (accept to completed) / (staffed - notReady): three chats at once"
            + " for 10 minutes are 30 minutes of load; above occupancy when contacts overlap");
    return new ReportResult("Agent performance, " + range.label(), COLUMNS, rows, formulas);
  }

  /** The length of the union of [start, end) millisecond intervals. */
  static long union(List<long[]> intervals) {
    intervals.sort((x, y) -> Long.compare(x[0], y[0]));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (long[] i : intervals) {
      if (i[0] > end) {
        total += end - start;
        start = i[0];
        end = i[1];
      } else if (i[1] > end) {
        end = i[1];
      }
    }
    return total + (end - start);
  }
}
