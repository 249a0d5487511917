package org.switchboard.core.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.skill.SkillRequirement;

/** Reads and writes the interaction table. */
final class InteractionRows {
  private static final String COLUMNS =
      "channel, channel_ref, direction, from_address, to_address, customer_ref, queue_id,"
          + " priority, required_skills, attributes, state, agent_id, disposition_code,"
          + " disposition_note, created_at, queued_at, answered_at, ended_at, updated_at, version";
  private static final String SELECT = "SELECT id, " + COLUMNS + " FROM interaction";
  private static final String UPDATE =
      "UPDATE interaction SET "
          + String.join(" = ?, ", COLUMNS.split(",\\s*"))
          + " = ? WHERE id = ? AND version = ?";

  private InteractionRows() {}

  static Optional<Interaction> find(Connection c, String id) throws SQLException {
    return one(c, SELECT + " WHERE id = ?", id);
  }

  static Optional<Interaction> findByRef(Connection c, ChannelType channel, String ref)
      throws SQLException {
    return one(c, SELECT + " WHERE channel = ? AND channel_ref = ?", channel.id(), ref);
  }

  static void insert(Connection c, Interaction i) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO interaction ("
                + COLUMNS
                + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, i);
      ps.executeUpdate();
    }
  }

  /** Stores {@code i} if the stored version is {@code i.version() - 1}; false otherwise. */
  static boolean update(Connection c, Interaction i) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      bind(ps, i);
      ps.setLong(22, i.version() - 1);
      return ps.executeUpdate() == 1;
    }
  }

  static List<Interaction> list(Connection c, InteractionQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    if (!q.states().isEmpty()) {
      sql.append(" AND state IN (").append("?, ".repeat(q.states().size() - 1)).append("?)");
      q.states().stream().map(Enum::name).sorted().forEach(params::add);
    }
    filter(sql, params, "queue_id", q.queue());
    filter(sql, params, "agent_id", q.agent());
    filter(sql, params, "channel", q.channel() == null ? null : q.channel().id());
    boolean waitingOnly =
        !q.states().isEmpty()
            && q.states().stream()
                .allMatch(s -> s == InteractionState.QUEUED || s == InteractionState.OFFERED);
    sql.append(waitingOnly ? " ORDER BY queued_at, id" : " ORDER BY created_at DESC, id");
    sql.append(" FETCH FIRST ").append(q.limit()).append(" ROWS ONLY");
    return many(c, sql.toString(), params.toArray(new String[0]));
  }

  /** Non-final interactions held by an agent, in the given states. */
  static List<Interaction> ofAgent(Connection c, String agent, InteractionState... states)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE agent_id = ? AND state IN (");
    sql.append("?, ".repeat(states.length - 1)).append("?) ORDER BY created_at");
    List<String> params = new ArrayList<>(List.of(agent));
    for (InteractionState s : states) {
      params.add(s.name());
    }
    return many(c, sql.toString(), params.toArray(new String[0]));
  }

  /** Interactions past NEW and not final, by id after {@code afterId}. */
  static List<Interaction> active(Connection c, String afterId, int limit) throws SQLException {
    return many(
        c,
        SELECT
            + " WHERE id > ? AND state IN ('IN_FLOW', 'QUEUED', 'OFFERED', 'CONNECTED', 'HELD',"
            + " 'WRAP_UP') ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        afterId);
  }

  /** A customer's interactions, newest first. */
  static List<Interaction> ofCustomer(Connection c, String customerRef, int limit)
      throws SQLException {
    return many(
        c,
        SELECT
            + " WHERE customer_ref = ? ORDER BY created_at DESC, id FETCH FIRST "
            + limit
            + " ROWS ONLY",
        customerRef);
  }

  /** How many interactions of a channel occupy an agent (offered, connected, held, wrap-up). */
  static long countOccupying(Connection c, String agent, ChannelType channel) throws SQLException {
    return SkillServiceImpl.count(
        c,
        "SELECT COUNT(*) FROM interaction WHERE agent_id = ? AND channel = ?"
            + " AND state IN ('OFFERED', 'CONNECTED', 'HELD', 'WRAP_UP')",
        agent,
        channel.id());
  }

  static long countInState(Connection c, InteractionState state) throws SQLException {
    return SkillServiceImpl.count(
        c, "SELECT COUNT(*) FROM interaction WHERE state = ?", state.name());
  }

  private static void filter(StringBuilder sql, List<String> params, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      params.add(value);
    }
  }

  private static Optional<Interaction> one(Connection c, String sql, String... params)
      throws SQLException {
    List<Interaction> found = many(c, sql, params);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Interaction> many(Connection c, String sql, String... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int k = 0; k < params.length; k++) {
        ps.setString(k + 1, params[k]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<Interaction> list = new ArrayList<>();
        while (rs.next()) {
          list.add(map(rs));
        }
        return list;
      }
    }
  }

  private static void bind(PreparedStatement ps, Interaction i) throws SQLException {
    ps.setString(1, i.channel().id());
    ps.setString(2, i.channelRef());
    ps.setString(3, i.direction().name());
    ps.setString(4, i.from());
    ps.setString(5, i.to());
    ps.setString(6, i.customerRef());
    ps.setString(7, i.queue());
    ps.setInt(8, i.priority());
    ps.setString(9, Json.write(i.requiredSkills()));
    ps.setString(10, Json.write(i.attributes()));
    ps.setString(11, i.state().name());
    ps.setString(12, i.agent());
    ps.setString(13, i.disposition() == null ? null : i.disposition().code());
    ps.setString(14, i.disposition() == null ? null : i.disposition().note());
    ps.setObject(15, Rows.timestamp(i.createdAt()));
    ps.setObject(16, Rows.timestamp(i.queuedAt()));
    ps.setObject(17, Rows.timestamp(i.answeredAt()));
    ps.setObject(18, Rows.timestamp(i.endedAt()));
    ps.setObject(19, Rows.timestamp(i.updatedAt()));
    ps.setLong(20, i.version());
    ps.setString(21, i.id());
  }

  private static Interaction map(ResultSet rs) throws SQLException {
    String code = rs.getString("disposition_code");
    return new Interaction(
        rs.getString("id"),
        ChannelType.of(rs.getString("channel")),
        rs.getString("channel_ref"),
        Direction.valueOf(rs.getString("direction")),
        rs.getString("from_address"),
        rs.getString("to_address"),
        rs.getString("customer_ref"),
        rs.getString("queue_id"),
        rs.getInt("priority"),
        Json.read(rs.getString("required_skills"), new TypeReference<List<SkillRequirement>>() {}),
        Json.read(rs.getString("attributes"), new TypeReference<Map<String, String>>() {}),
        InteractionState.valueOf(rs.getString("state")),
        rs.getString("agent_id"),
        code == null ? null : new Disposition(code, rs.getString("disposition_note")),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "queued_at"),
        Rows.instant(rs, "answered_at"),
        Rows.instant(rs, "ended_at"),
        Rows.instant(rs, "updated_at"),
        rs.getLong("version"));
  }
}
