package org.switchboard.ops.rest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.Wallboard;

/** The wallboard in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {
  private PrometheusText() {}

  static String of(Wallboard w) {
    StringBuilder out = new StringBuilder();
    gauge(out, "switchboard_queue_waiting", "Contacts waiting in the queue now");
    w.queues().forEach(q -> sample(out, "switchboard_queue_waiting", q.id(), q.waiting()));
    gauge(
        out,
        "switchboard_queue_longest_wait_seconds",
        "How long the longest waiting contact has waited");
    w.queues()
        .forEach(
            q ->
                sample(
                    out, "switchboard_queue_longest_wait_seconds", q.id(), q.longestWaitSeconds()));
    gauge(out, "switchboard_queue_offered_today", "Contacts that entered the queue since midnight");
    w.queues()
        .forEach(q -> sample(out, "switchboard_queue_offered_today", q.id(), q.today().offered()));
    gauge(out, "switchboard_queue_answered_today", "Contacts answered since midnight");
    w.queues()
        .forEach(
            q -> sample(out, "switchboard_queue_answered_today", q.id(), q.today().answered()));
    gauge(
        out,
        "switchboard_queue_abandoned_today",
        "Contacts abandoned since midnight (short abandons excluded)");
    w.queues()
        .forEach(
            q -> sample(out, "switchboard_queue_abandoned_today", q.id(), q.today().abandoned()));
    gauge(
        out,
        "switchboard_queue_service_level_today",
        "Service level since midnight, 0..1, by the queue's variant");
    w.queues()
        .forEach(
            q -> {
              QueueFigures f = q.today();
              if (f.serviceLevel() != null) {
                sample(out, "switchboard_queue_service_level_today", q.id(), f.serviceLevel());
              }
            });
    gauge(out, "switchboard_queue_alerts", "Thresholds the queue crosses now");
    w.queues().forEach(q -> sample(out, "switchboard_queue_alerts", q.id(), q.alerts().size()));
    gauge(out, "switchboard_agents", "Agents by state");
    Map<AgentState, Integer> byState = new TreeMap<>();
    for (AgentState s : AgentState.values()) {
      byState.put(s, 0);
    }
    w.agents().forEach(a -> byState.merge(a.state(), 1, Integer::sum));
    byState.forEach(
        (state, n) ->
            out.append("switchboard_agents{state=\"")
                .append(state.name().toLowerCase(Locale.ROOT))
                .append("\"} ")
                .append(n)
                .append('\n'));
    return out.toString();
  }

  private static void gauge(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static void sample(StringBuilder out, String name, String queue, Number value) {
    out.append(name).append("{queue=\"").append(escape(queue)).append("\"} ");
    out.append(
        value instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : value.toString());
    out.append('\n');
  }

  /** Label values escape backslash, quote and newline. */
  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
