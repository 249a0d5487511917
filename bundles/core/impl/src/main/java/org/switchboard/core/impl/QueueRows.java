package org.switchboard.core.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.SkillRequirement;

/** Reads and writes the queue and queue_skill tables. */
final class QueueRows {
  private static final String SELECT =
      "SELECT id, name, channels, priority, sl_threshold_ms, sl_target, max_wait_ms,"
          + " overflow_queue, version FROM queue";

  private QueueRows() {}

  static List<Queue> all(Connection c) throws SQLException {
    Map<String, List<SkillRequirement>> skills = skills(c, null);
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<Queue> queues = new ArrayList<>();
      while (rs.next()) {
        queues.add(map(rs, skills.getOrDefault(rs.getString("id"), List.of())));
      }
      return queues;
    }
  }

  static Optional<Queue> find(Connection c, String id) throws SQLException {
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

  static void insert(Connection c, Queue q) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO queue (name, channels, priority, sl_threshold_ms, sl_target, max_wait_ms,"
                + " overflow_queue, version, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(ps, q);
      ps.executeUpdate();
    }
    insertSkills(c, q);
  }

  /** Updates when the stored version equals {@code q.version() - 1}; returns false otherwise. */
  static boolean update(Connection c, Queue q) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE queue SET name = ?, channels = ?, priority = ?, sl_threshold_ms = ?,"
                + " sl_target = ?, max_wait_ms = ?, overflow_queue = ?, version = ?"
                + " WHERE id = ? AND version = ?")) {
      bind(ps, q);
      ps.setLong(10, q.version() - 1);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue_skill WHERE queue_id = ?")) {
      ps.setString(1, q.id());
      ps.executeUpdate();
    }
    insertSkills(c, q);
    return true;
  }

  private static void bind(PreparedStatement ps, Queue q) throws SQLException {
    ps.setString(1, q.name());
    ps.setString(2, Json.write(q.channels().stream().map(ChannelType::id).sorted().toList()));
    ps.setInt(3, q.priority());
    ps.setLong(4, q.serviceLevelThreshold().toMillis());
    ps.setInt(5, q.serviceLevelTarget());
    Rows.setMillis(ps, 6, q.maxWait());
    ps.setString(7, q.overflowQueue());
    ps.setLong(8, q.version());
    ps.setString(9, q.id());
  }

  private static void insertSkills(Connection c, Queue q) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO queue_skill (queue_id, skill_id, min_level) VALUES (?, ?, ?)")) {
      for (SkillRequirement r : q.requiredSkills()) {
        ps.setString(1, q.id());
        ps.setString(2, r.skill());
        ps.setInt(3, r.minimumLevel());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static Map<String, List<SkillRequirement>> skills(Connection c, String queueId)
      throws SQLException {
    String sql = "SELECT queue_id, skill_id, min_level FROM queue_skill";
    try (PreparedStatement ps =
        c.prepareStatement(
            queueId == null
                ? sql + " ORDER BY skill_id"
                : sql + " WHERE queue_id = ? ORDER BY skill_id")) {
      if (queueId != null) {
        ps.setString(1, queueId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, List<SkillRequirement>> map = new HashMap<>();
        while (rs.next()) {
          map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new SkillRequirement(rs.getString(2), rs.getInt(3)));
        }
        return map;
      }
    }
  }

  private static Queue map(ResultSet rs, List<SkillRequirement> skills) throws SQLException {
    List<String> channels =
        Json.read(rs.getString("channels"), new TypeReference<List<String>>() {});
    return new Queue(
        rs.getString("id"),
        rs.getString("name"),
        Set.copyOf(channels.stream().map(ChannelType::of).toList()),
        skills,
        rs.getInt("priority"),
        Duration.ofMillis(rs.getLong("sl_threshold_ms")),
        rs.getInt("sl_target"),
        Rows.millis(rs, "max_wait_ms"),
        rs.getString("overflow_queue"),
        rs.getLong("version"));
  }
}
