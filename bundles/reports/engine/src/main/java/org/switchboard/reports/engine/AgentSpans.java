package org.switchboard.reports.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.reports.api.AgentSpan;

/**
 * Agent events as state spans (report_agent_span): an event whose agent is in another state than
 * the agent's open span ends that span at the event's time and opens one in the new state; a
 * deleted agent's span ends. Like {@link VisitProjection}, one thread applies events in order and
 * the changed spans are saved with the cursor.
 */
final class AgentSpans {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSpans.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A span as the projection changes it. */
  static final class Row {
    final String agent;
    final long seq;
    final AgentState state;
    final String reason;
    final Instant startedAt;
    Instant endedAt;

    Row(String agent, long seq, AgentState state, String reason, Instant startedAt) {
      this.agent = agent;
      this.seq = seq;
      this.state = state;
      this.reason = reason;
      this.startedAt = startedAt;
    }
  }

  private final Map<String, Row> open;
  private final List<Row> changed = new ArrayList<>();

  /**
   * @param open each agent's open span, as stored
   */
  AgentSpans(Map<String, Row> open) {
    this.open = open;
  }

  void apply(SwitchboardEvent e) {
    if (!e.type().startsWith("org.switchboard.agent.")) {
      return;
    }
    JsonNode agent;
    try {
      agent = JSON.readTree(e.data()).path("agent");
    } catch (java.io.IOException bad) {
      LOG.error("Event {} ({}) has no readable JSON data; reports skip it", e.sequence(), e.type());
      return;
    }
    String id = e.subject();
    Row cur = open.get(id);
    if (e.type().equals(EventTypes.AGENT_DELETED)) {
      end(cur, e.time());
      return;
    }
    AgentState state;
    try {
      state = AgentState.valueOf(agent.path("state").asText());
    } catch (IllegalArgumentException unknown) {
      return;
    }
    String reason =
        agent.path("reason").isTextual() && !agent.path("reason").asText().isEmpty()
            ? agent.path("reason").asText()
            : null;
    if (cur != null && cur.state == state && java.util.Objects.equals(cur.reason, reason)) {
      return;
    }
    end(cur, e.time());
    Row next = new Row(id, e.sequence(), state, reason, e.time());
    open.put(id, next);
    changed.add(next);
  }

  private void end(Row cur, Instant time) {
    if (cur == null) {
      return;
    }
    cur.endedAt = time.isBefore(cur.startedAt) ? cur.startedAt : time;
    open.remove(cur.agent);
    changed.add(cur);
  }

  /** Saves the spans changed since the last call. */
  void save(Connection c) throws SQLException {
    for (Row r : changed) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE report_agent_span SET ended_at = ? WHERE agent = ? AND seq = ?")) {
        VisitRows.time(ps, 1, r.endedAt);
        ps.setString(2, r.agent);
        ps.setLong(3, r.seq);
        if (ps.executeUpdate() == 1) {
          continue;
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO report_agent_span (agent, seq, state, reason, started_at, ended_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.agent);
        ps.setLong(2, r.seq);
        ps.setString(3, r.state.name());
        ps.setString(
            4,
            r.reason == null || r.reason.length() <= 200 ? r.reason : r.reason.substring(0, 200));
        VisitRows.time(ps, 5, r.startedAt);
        VisitRows.time(ps, 6, r.endedAt);
        ps.executeUpdate();
      }
    }
    changed.clear();
  }

  /** Each agent's open span. */
  static Map<String, Row> open(Connection c) throws SQLException {
    Map<String, Row> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT agent, seq, state, reason, started_at FROM report_agent_span"
                    + " WHERE ended_at IS NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new Row(
                rs.getString(1),
                rs.getLong(2),
                AgentState.valueOf(rs.getString(3)),
                rs.getString(4),
                VisitRows.instant(rs, 5)));
      }
    }
    return out;
  }

  /** Spans overlapping {@code [from, to)}, by agent and start. */
  static void between(
      Connection c, Instant from, Instant to, String agent, Consumer<AgentSpan> action)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT agent, state, reason, started_at, ended_at FROM report_agent_span"
                + " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)"
                + (agent == null ? "" : " AND agent = ?")
                + " ORDER BY agent, started_at, seq")) {
      VisitRows.time(ps, 1, to);
      VisitRows.time(ps, 2, from);
      if (agent != null) {
        ps.setString(3, agent);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          action.accept(
              new AgentSpan(
                  rs.getString(1),
                  AgentState.valueOf(rs.getString(2)),
                  rs.getString(3),
                  VisitRows.instant(rs, 4),
                  VisitRows.instant(rs, 5)));
        }
      }
    }
  }

  static void clear(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM report_agent_span")) {
      ps.executeUpdate();
    }
  }
}
