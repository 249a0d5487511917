package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.conversation.Visibility;

/** Rows of {@code conversation_message} and {@code conversation_receipt}. */
final class ConversationRows {
  private static final String COLUMNS =
      "interaction_id, seq, party, author, client_id, body, attachment_id, attachment_name,"
          + " attachment_type, attachment_size, visibility, sent_at";

  private ConversationRows() {}

  static void insert(Connection c, Message m) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO conversation_message ("
                + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, m.interactionId());
      ps.setLong(2, m.seq());
      ps.setString(3, m.party().name());
      ps.setString(4, m.author());
      ps.setString(5, m.clientId());
      ps.setString(6, m.text());
      Attachment a = m.attachment();
      ps.setString(7, a == null ? null : a.id());
      ps.setString(8, a == null ? null : a.name());
      ps.setString(9, a == null ? null : a.contentType());
      if (a == null) {
        ps.setNull(10, Types.BIGINT);
      } else {
        ps.setLong(10, a.size());
      }
      ps.setString(11, m.visibility().name());
      ps.setObject(12, Rows.timestamp(m.sentAt()));
      ps.executeUpdate();
    }
  }

  static Optional<Message> byClientId(Connection c, String interactionId, Party party, String id)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM conversation_message WHERE interaction_id = ? AND party = ? AND client_id"
                + " = ?")) {
      ps.setString(1, interactionId);
      ps.setString(2, party.name());
      ps.setString(3, id);
      List<Message> found = read(ps);
      return found.stream().findFirst();
    }
  }

  static List<Message> after(Connection c, String interactionId, long afterSeq, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM conversation_message WHERE interaction_id = ? AND seq > ? ORDER BY seq"
                + " FETCH FIRST ? ROWS ONLY")) {
      ps.setString(1, interactionId);
      ps.setLong(2, afterSeq);
      ps.setInt(3, limit);
      return read(ps);
    }
  }

  static long lastSeq(Connection c, String interactionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(seq), 0) FROM conversation_message WHERE interaction_id = ?")) {
      ps.setString(1, interactionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long count(Connection c, String interactionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM conversation_message WHERE interaction_id = ?")) {
      ps.setString(1, interactionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Moves a receipt forward; false when the stored one is already as far. */
  static boolean advance(Connection c, Receipt r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE conversation_receipt SET seq = ? WHERE interaction_id = ? AND party = ? AND"
                + " kind = ? AND seq < ?")) {
      ps.setLong(1, r.seq());
      ps.setString(2, r.interactionId());
      ps.setString(3, r.reader().name());
      ps.setString(4, r.kind().name());
      ps.setLong(5, r.seq());
      if (ps.executeUpdate() > 0) {
        return true;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO conversation_receipt (interaction_id, party, kind, seq) SELECT ?, ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM conversation_receipt WHERE interaction_id = ?"
                + " AND party = ? AND kind = ?)")) {
      ps.setString(1, r.interactionId());
      ps.setString(2, r.reader().name());
      ps.setString(3, r.kind().name());
      ps.setLong(4, r.seq());
      ps.setString(5, r.interactionId());
      ps.setString(6, r.reader().name());
      ps.setString(7, r.kind().name());
      return ps.executeUpdate() > 0;
    }
  }

  static List<Receipt> receipts(Connection c, String interactionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT party, kind, seq FROM conversation_receipt WHERE interaction_id = ? ORDER BY"
                + " party, kind")) {
      ps.setString(1, interactionId);
      List<Receipt> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Receipt(
                  interactionId,
                  Party.valueOf(rs.getString(1)),
                  Receipt.Kind.valueOf(rs.getString(2)),
                  rs.getLong(3)));
        }
      }
      return out;
    }
  }

  private static List<Message> read(PreparedStatement ps) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String attachmentId = rs.getString("attachment_id");
        Attachment attachment =
            attachmentId == null
                ? null
                : new Attachment(
                    attachmentId,
                    rs.getString("attachment_name"),
                    rs.getString("attachment_type"),
                    rs.getLong("attachment_size"));
        out.add(
            new Message(
                rs.getString("interaction_id"),
                rs.getLong("seq"),
                Party.valueOf(rs.getString("party")),
                rs.getString("author"),
                rs.getString("client_id"),
                rs.getString("body"),
                attachment,
                Visibility.valueOf(rs.getString("visibility")),
                Rows.instant(rs, "sent_at")));
      }
    }
    return out;
  }
}
