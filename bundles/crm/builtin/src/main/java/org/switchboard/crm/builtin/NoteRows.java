package org.switchboard.crm.builtin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.crm.api.CustomerNote;

/** The crm_note table. Every method runs on the caller's connection. */
final class NoteRows {
  private NoteRows() {}

  static void insert(Connection c, CustomerNote n) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO crm_note (id, customer_id, author, body, interaction_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, n.id());
      ps.setString(2, n.customerId());
      ps.setString(3, n.author());
      ps.setString(4, n.text());
      ps.setString(5, n.interactionId());
      ps.setTimestamp(6, Timestamp.from(n.createdAt()));
      ps.executeUpdate();
    }
  }

  static List<CustomerNote> newest(Connection c, String customerId, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, customer_id, author, body, interaction_id, created_at FROM crm_note"
                + " WHERE customer_id = ? ORDER BY created_at DESC, id DESC FETCH FIRST "
                + limit
                + " ROWS ONLY")) {
      ps.setString(1, customerId);
      List<CustomerNote> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new CustomerNote(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getTimestamp(6).toInstant()));
        }
      }
      return out;
    }
  }

  /** Gives a merged duplicate's notes to the survivor. */
  static void move(Connection c, String from, String to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE crm_note SET customer_id = ? WHERE customer_id = ?")) {
      ps.setString(1, to);
      ps.setString(2, from);
      ps.executeUpdate();
    }
  }
}
