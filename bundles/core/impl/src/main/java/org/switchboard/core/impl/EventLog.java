package org.switchboard.core.impl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.switchboard.core.api.event.SwitchboardEvent;

/** The event_log table (outbox) and the relay cursor. All methods run on a caller's connection. */
final class EventLog {
  private EventLog() {}

  /** Appends one event in the caller's transaction. */
  static void append(Connection c, String type, String subject, ObjectNode data, Instant time)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO event_log (id, type, subject, occurred_at, data) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, type);
      ps.setString(3, subject);
      ps.setObject(4, Rows.timestamp(time));
      ps.setString(5, Json.write(data));
      ps.executeUpdate();
    }
  }

  /** Events after {@code seq}, oldest first, at most {@code limit}. */
  static List<SwitchboardEvent> after(Connection c, long seq, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, id, type, subject, occurred_at, data FROM event_log WHERE seq > ?"
                + " ORDER BY seq FETCH FIRST "
                + limit
                + " ROWS ONLY")) {
      ps.setLong(1, seq);
      return read(ps);
    }
  }

  private static List<SwitchboardEvent> read(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<SwitchboardEvent> events = new ArrayList<>();
      while (rs.next()) {
        events.add(
            new SwitchboardEvent(
                rs.getString(2),
                rs.getLong(1),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getString(6)));
      }
      return events;
    }
  }

  /** The events about one subject, oldest first, at most {@code limit}. */
  static List<SwitchboardEvent> ofSubject(Connection c, String subject, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, id, type, subject, occurred_at, data FROM event_log WHERE subject = ?"
                + " ORDER BY seq FETCH FIRST "
                + limit
                + " ROWS ONLY")) {
      ps.setString(1, subject);
      return read(ps);
    }
  }

  static long cursor(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT last_seq FROM outbox_cursor WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static void advance(Connection c, String name, long seq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE outbox_cursor SET last_seq = ? WHERE name = ? AND last_seq < ?")) {
      ps.setLong(1, seq);
      ps.setString(2, name);
      ps.setLong(3, seq);
      ps.executeUpdate();
    }
  }

  static long lastSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM event_log");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
