package org.switchboard.channel.webchat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.core.api.SwitchboardException;

/** The {@code webchat_session} table: one row per chat. */
final class ChatStore {
  /** A chat as stored: who the visitor is and the hash of the chat's token. */
  record StoredChat(
      String interactionId,
      String tokenHash,
      String entry,
      String name,
      String email,
      String language,
      boolean offline) {}

  private final DataSource dataSource;

  ChatStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(StoredChat chat, Instant now) {
    update(
        "INSERT INTO webchat_session (interaction_id, token_hash, entry, visitor_name,"
            + " visitor_email, language, offline, created_at) VALUES (?,?,?,?,?,?,?,?)",
        ps -> {
          ps.setString(1, chat.interactionId());
          ps.setString(2, chat.tokenHash());
          ps.setString(3, chat.entry());
          ps.setString(4, chat.name());
          ps.setString(5, chat.email());
          ps.setString(6, chat.language());
          ps.setBoolean(7, chat.offline());
          ps.setObject(8, now.atOffset(ZoneOffset.UTC));
        });
  }

  Optional<StoredChat> find(String interactionId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT interaction_id, token_hash, entry, visitor_name, visitor_email, language,"
                    + " offline FROM webchat_session WHERE interaction_id = ?")) {
      ps.setString(1, interactionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredChat(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getBoolean(7)));
      }
    } catch (SQLException e) {
      throw error(e);
    }
  }

  void rated(String interactionId, int score, String comment) {
    update(
        "UPDATE webchat_session SET rating = ?, rating_comment = ? WHERE interaction_id = ?",
        ps -> {
          ps.setInt(1, score);
          ps.setString(2, comment);
          ps.setString(3, interactionId);
        });
  }

  void ended(String interactionId, Instant now) {
    update(
        "UPDATE webchat_session SET ended_at = ? WHERE interaction_id = ? AND ended_at IS NULL",
        ps -> {
          ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
          ps.setString(2, interactionId);
        });
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw error(e);
    }
  }

  private static SwitchboardException error(SQLException e) {
    return new SwitchboardException(
        "web chat database error (" + e.getSQLState() + "): " + e.getMessage(), e);
  }
}
