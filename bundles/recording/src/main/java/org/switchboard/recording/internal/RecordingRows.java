package org.switchboard.recording.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.recording.api.RecordingAccess;
import org.switchboard.recording.api.RecordingInfo;
import org.switchboard.recording.api.RecordingQuery;

/** The {@code recording} and {@code recording_access} tables. */
final class RecordingRows {
  private static final String COLUMNS =
      "id, interaction_id, agent_id, queue_id, state, started_at, ended_at, duration_ms,"
          + " paused_ms, bytes, sha256, delete_after";

  private final DataSource dataSource;

  RecordingRows(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A stored recording with its file (relative to the recordings directory). */
  void insert(RecordingInfo r, String file) {
    update(
        "INSERT INTO recording ("
            + COLUMNS
            + ", file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.interactionId(),
        r.agentId(),
        r.queue(),
        r.state(),
        ts(r.startedAt()),
        ts(r.endedAt()),
        r.duration().toMillis(),
        r.paused().toMillis(),
        r.bytes(),
        r.sha256(),
        ts(r.deleteAfter()),
        file);
  }

  Optional<RecordingInfo> find(String id) {
    return query("SELECT " + COLUMNS + " FROM recording WHERE id = ?", id).stream().findFirst();
  }

  /** The file of a stored recording, relative to the recordings directory. */
  Optional<String> file(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT file FROM recording WHERE id = ? AND state = 'STORED'")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw error(e);
    }
  }

  List<RecordingInfo> search(RecordingQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM recording WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    where(sql, args, "interaction_id = ?", q.interactionId());
    where(sql, args, "agent_id = ?", q.agentId());
    where(sql, args, "queue_id = ?", q.queue());
    where(sql, args, "started_at >= ?", q.from() == null ? null : ts(q.from()));
    where(sql, args, "started_at < ?", q.to() == null ? null : ts(q.to()));
    sql.append(" ORDER BY started_at DESC, id LIMIT ").append(q.limit());
    return query(sql.toString(), args.toArray());
  }

  /** Stored recordings whose retention ended before {@code now}: id and file. */
  List<String[]> expired(Instant now, int limit) {
    List<String[]> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, file FROM recording WHERE state = 'STORED' AND delete_after < ?"
                    + " ORDER BY delete_after LIMIT "
                    + limit)) {
      ps.setTimestamp(1, ts(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    } catch (SQLException e) {
      throw error(e);
    }
    return out;
  }

  void markDeleted(String id) {
    update("UPDATE recording SET state = 'DELETED' WHERE id = ?", id);
  }

  void logAccess(RecordingAccess a) {
    update(
        "INSERT INTO recording_access (recording_id, user_name, accessed_at, action, purpose)"
            + " VALUES (?, ?, ?, ?, ?)",
        a.recordingId(),
        a.user(),
        ts(a.at()),
        a.action(),
        a.purpose());
  }

  List<RecordingAccess> accesses(String id) {
    List<RecordingAccess> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT recording_id, user_name, accessed_at, action, purpose FROM"
                    + " recording_access WHERE recording_id = ? ORDER BY accessed_at")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RecordingAccess(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    } catch (SQLException e) {
      throw error(e);
    }
    return out;
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  private List<RecordingInfo> query(String sql, Object... args) {
    List<RecordingInfo> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(info(rs));
        }
      }
    } catch (SQLException e) {
      throw error(e);
    }
    return out;
  }

  private void update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw error(e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private static RecordingInfo info(ResultSet rs) throws SQLException {
    Timestamp ended = rs.getTimestamp(7);
    return new RecordingInfo(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(6).toInstant(),
        ended == null ? null : ended.toInstant(),
        Duration.ofMillis(rs.getLong(8)),
        Duration.ofMillis(rs.getLong(9)),
        rs.getLong(10),
        rs.getString(11),
        rs.getTimestamp(12).toInstant());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static SwitchboardException error(SQLException e) {
    return new SwitchboardException("recordings database: " + e.getMessage(), e);
  }
}
