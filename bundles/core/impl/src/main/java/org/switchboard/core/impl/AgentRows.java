package org.switchboard.core.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.skill.SkillLevel;

/** Reads and writes the agent and agent_skill tables. */
final class AgentRows {
  private static final String SELECT =
      "SELECT id, display_name, teams, capacity, state, reason, state_since, version FROM agent";

  private AgentRows() {}

  static List<Agent> all(Connection c) throws SQLException {
    Map<String, List<SkillLevel>> skills = skills(c, null);
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<Agent> agents = new ArrayList<>();
      while (rs.next()) {
        agents.add(map(rs, skills.getOrDefault(rs.getString("id"), List.of())));
      }
      return agents;
    }
  }

  static Optional<Agent> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(map(rs, skills(c, id).getOrDefault(id, List.of())));
      }
    }
  }

  static void insert(Connection c, Agent a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO agent (display_name, teams, capacity, state, reason, state_since, version,"
                + " id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, a);
      ps.executeUpdate();
    }
    insertSkills(c, a);
  }

  /** Stores {@code a} if the stored version is {@code a.version() - 1}; false otherwise. */
  static boolean update(Connection c, Agent a, boolean skillsChanged) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE agent SET display_name = ?, teams = ?, capacity = ?, state = ?, reason = ?,"
                + " state_since = ?, version = ? WHERE id = ? AND version = ?")) {
      bind(ps, a);
      ps.setLong(9, a.version() - 1);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    if (skillsChanged) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM agent_skill WHERE agent_id = ?")) {
        ps.setString(1, a.id());
        ps.executeUpdate();
      }
      insertSkills(c, a);
    }
    return true;
  }

  private static void bind(PreparedStatement ps, Agent a) throws SQLException {
    Map<String, Integer> capacity = new LinkedHashMap<>();
    a.capacity().forEach((ch, n) -> capacity.put(ch.id(), n));
    ps.setString(1, a.displayName());
    ps.setString(2, Json.write(a.teams().stream().sorted().toList()));
    ps.setString(3, Json.write(capacity));
    ps.setString(4, a.state().name());
    ps.setString(5, a.reason());
    ps.setObject(6, Rows.timestamp(a.stateSince()));
    ps.setLong(7, a.version());
    ps.setString(8, a.id());
  }

  private static void insertSkills(Connection c, Agent a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO agent_skill (agent_id, skill_id, level) VALUES (?, ?, ?)")) {
      for (SkillLevel s : a.skills()) {
        ps.setString(1, a.id());
        ps.setString(2, s.skill());
        ps.setInt(3, s.level());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Map<String, List<SkillLevel>> skills(Connection c, String agentId)
      throws SQLException {
    String sql = "SELECT agent_id, skill_id, level FROM agent_skill";
    try (PreparedStatement ps =
        c.prepareStatement(
            agentId == null
                ? sql + " ORDER BY skill_id"
                : sql + " WHERE agent_id = ? ORDER BY skill_id")) {
      if (agentId != null) {
        ps.setString(1, agentId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, List<SkillLevel>> map = new HashMap<>();
        while (rs.next()) {
          map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new SkillLevel(rs.getString(2), rs.getInt(3)));
        }
        return map;
      }
    }
  }

  private static Agent map(ResultSet rs, List<SkillLevel> skills) throws SQLException {
    Map<String, Integer> raw =
        Json.read(rs.getString("capacity"), new TypeReference<Map<String, Integer>>() {});
    Map<ChannelType, Integer> capacity = new HashMap<>();
    raw.forEach((k, v) -> capacity.put(ChannelType.of(k), v));
    return new Agent(
        rs.getString("id"),
        rs.getString("display_name"),
        skills,
        Set.copyOf(Json.read(rs.getString("teams"), new TypeReference<List<String>>() {})),
        capacity,
        AgentState.valueOf(rs.getString("state")),
        rs.getString("reason"),
        Rows.instant(rs, "state_since"),
        rs.getLong("version"));
  }
}
