package org.switchboard.channel.sip.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.channel.sip.api.Registration;
import org.switchboard.core.api.SwitchboardException;

/** The SIP tables: credentials (HA1 values) and registrations. */
final class SipStore {
  private final DataSource dataSource;

  SipStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stored HA1 values of an agent in a realm. */
  record Credential(String agentId, String realm, String ha1Md5, String ha1Sha256) {}

  /** One registration as stored, with the Call-ID and CSeq that last refreshed it. */
  record Binding(Registration registration, String callId, long cseq) {}

  Optional<Credential> credential(String agentId) {
    return query(
            "SELECT agent_id, realm, ha1_md5, ha1_sha256 FROM sip_credential WHERE agent_id = ?",
            rs ->
                new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            agentId)
        .stream()
        .findFirst();
  }

  void saveCredential(Credential c, Instant now) {
    update("DELETE FROM sip_credential WHERE agent_id = ?", c.agentId());
    try (Connection con = dataSource.getConnection();
        PreparedStatement ps =
            con.prepareStatement(
                "INSERT INTO sip_credential (agent_id, realm, ha1_md5, ha1_sha256, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, c.agentId());
      ps.setString(2, c.realm());
      ps.setString(3, c.ha1Md5());
      ps.setString(4, c.ha1Sha256());
      ps.setTimestamp(5, Timestamp.from(now));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw error(e);
    }
  }

  void removeCredential(String agentId) {
    update("DELETE FROM sip_registration WHERE agent_id = ?", agentId);
    update("DELETE FROM sip_credential WHERE agent_id = ?", agentId);
  }

  List<Binding> bindings(String agentId, Instant now) {
    return query(
        "SELECT agent_id, contact, expires_at, source, user_agent, call_id, cseq FROM"
            + " sip_registration WHERE agent_id = ? AND expires_at > ? ORDER BY expires_at DESC",
        SipStore::binding,
        agentId,
        Timestamp.from(now));
  }

  List<Registration> all(Instant now) {
    return query(
            "SELECT agent_id, contact, expires_at, source, user_agent, call_id, cseq FROM"
                + " sip_registration WHERE expires_at > ? ORDER BY agent_id, expires_at DESC",
            SipStore::binding,
            Timestamp.from(now))
        .stream()
        .map(Binding::registration)
        .toList();
  }

  /** Adds or refreshes one contact binding. */
  void bind(Binding b) {
    Registration r = b.registration();
    update(
        "DELETE FROM sip_registration WHERE agent_id = ? AND contact = ?",
        r.agentId(),
        r.contact());
    try (Connection con = dataSource.getConnection();
        PreparedStatement ps =
            con.prepareStatement(
                "INSERT INTO sip_registration (agent_id, contact, expires_at, call_id, cseq,"
                    + " source, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, r.agentId());
      ps.setString(2, r.contact());
      ps.setTimestamp(3, Timestamp.from(r.expiresAt()));
      ps.setString(4, b.callId());
      ps.setLong(5, b.cseq());
      ps.setString(6, r.source());
      ps.setString(7, r.userAgent());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw error(e);
    }
  }

  void unbind(String agentId, String contact) {
    update("DELETE FROM sip_registration WHERE agent_id = ? AND contact = ?", agentId, contact);
  }

  void unbindAll(String agentId) {
    update("DELETE FROM sip_registration WHERE agent_id = ?", agentId);
  }

  /** Deletes lapsed registrations; returns how many. */
  int purgeExpired(Instant now) {
    return update("DELETE FROM sip_registration WHERE expires_at <= ?", Timestamp.from(now));
  }

  private static Binding binding(ResultSet rs) throws SQLException {
    return new Binding(
        new Registration(
            rs.getString(1),
            rs.getString(2),
            rs.getTimestamp(3).toInstant(),
            rs.getString(4),
            rs.getString(5)),
        rs.getString(6),
        rs.getLong(7));
  }

  @FunctionalInterface
  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw error(e);
    }
  }

  private int update(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw error(e);
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }

  private static SwitchboardException error(SQLException e) {
    return new SwitchboardException(
        "SIP database error (" + e.getSQLState() + "): " + e.getMessage(), e);
  }
}
