package org.switchboard.reports.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.QueueVisit.Outcome;

/** The report_visit and report_cursor tables. Every method runs on the caller's connection. */
final class VisitRows {
  private static final String COLUMNS =
      "interaction_id, visit, channel, queue, customer_ref, queued_at, callback_at, answered_at,"
          + " agent, ended_at, completed_at, outcome, hold_ms, hold_since, transfers, disposition,"
          + " open";

  private VisitRows() {}

  /** Stores a visit, new or changed. */
  static void save(Connection c, OpenVisit v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE report_visit SET channel = ?, queue = ?, customer_ref = ?, queued_at = ?,"
                + " callback_at = ?, answered_at = ?, agent = ?, ended_at = ?, completed_at = ?,"
                + " outcome = ?, hold_ms = ?, hold_since = ?, transfers = ?, disposition = ?,"
                + " open = ? WHERE interaction_id = ? AND visit = ?")) {
      fill(ps, 1, v);
      ps.setString(16, v.interactionId);
      ps.setInt(17, v.visit);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO report_visit (channel, queue, customer_ref, queued_at, callback_at,"
                + " answered_at, agent, ended_at, completed_at, outcome, hold_ms, hold_since,"
                + " transfers, disposition, open, interaction_id, visit)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      fill(ps, 1, v);
      ps.setString(16, v.interactionId);
      ps.setInt(17, v.visit);
      ps.executeUpdate();
    }
  }

  private static void fill(PreparedStatement ps, int at, OpenVisit v) throws SQLException {
    ps.setString(at, v.channel);
    ps.setString(at + 1, v.queue);
    ps.setString(at + 2, v.customerRef);
    time(ps, at + 3, v.queuedAt);
    time(ps, at + 4, v.callbackAt);
    time(ps, at + 5, v.answeredAt);
    ps.setString(at + 6, v.agent);
    time(ps, at + 7, v.endedAt);
    time(ps, at + 8, v.completedAt);
    ps.setString(at + 9, v.outcome.name());
    ps.setLong(at + 10, v.holdMillis);
    time(ps, at + 11, v.holdSince);
    ps.setInt(at + 12, v.transfers);
    ps.setString(at + 13, v.disposition);
    ps.setBoolean(at + 14, v.open);
  }

  /** Binds an instant (UTC), or SQL NULL. */
  static void time(PreparedStatement ps, int at, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(at, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(at, t.atOffset(java.time.ZoneOffset.UTC));
    }
  }

  /** The open visit of every interaction that has one. */
  static Map<String, OpenVisit> open(Connection c) throws SQLException {
    Map<String, OpenVisit> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM report_visit WHERE open = TRUE");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        OpenVisit v = read(rs);
        out.put(v.interactionId, v);
      }
    }
    return out;
  }

  /** The highest visit number of an interaction, 0 when it has none. */
  static int lastVisit(Connection c, String interactionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(visit) FROM report_visit WHERE interaction_id = ?")) {
      ps.setString(1, interactionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /** Visits that entered their queue in {@code [from, to)}, oldest first. */
  static void between(
      Connection c,
      Instant from,
      Instant to,
      String queue,
      java.util.function.Consumer<QueueVisit> action)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM report_visit WHERE queued_at >= ? AND queued_at < ?"
            + (queue == null ? "" : " AND queue = ?")
            + " ORDER BY queued_at, interaction_id, visit";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(1000);
      time(ps, 1, from);
      time(ps, 2, to);
      if (queue != null) {
        ps.setString(3, queue);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          action.accept(read(rs).toVisit());
        }
      }
    }
  }

  private static OpenVisit read(ResultSet rs) throws SQLException {
    OpenVisit v =
        new OpenVisit(
            rs.getString(1),
            rs.getInt(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            instant(rs, 6));
    v.callbackAt = instant(rs, 7);
    v.answeredAt = instant(rs, 8);
    v.agent = rs.getString(9);
    v.endedAt = instant(rs, 10);
    v.completedAt = instant(rs, 11);
    v.outcome = Outcome.valueOf(rs.getString(12));
    v.holdMillis = rs.getLong(13);
    v.holdSince = instant(rs, 14);
    v.transfers = rs.getInt(15);
    v.disposition = rs.getString(16);
    v.open = rs.getBoolean(17);
    return v;
  }

  /** Reads an instant, or null. */
  static Instant instant(ResultSet rs, int at) throws SQLException {
    java.time.OffsetDateTime t = rs.getObject(at, java.time.OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static long cursor(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT last_seq FROM report_cursor WHERE name = 'visits'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static void advance(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE report_cursor SET last_seq = ? WHERE name = 'visits'")) {
      ps.setLong(1, seq);
      ps.executeUpdate();
    }
  }

  /** Forgets every visit, to project the log again from its start. */
  static void clear(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM report_visit")) {
      ps.executeUpdate();
    }
    advance(c, 0);
  }
}
