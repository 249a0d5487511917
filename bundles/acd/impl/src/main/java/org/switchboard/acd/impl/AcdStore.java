package org.switchboard.acd.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/** The ACD's tables: routing policies and stored decisions. */
@Component(service = AcdStore.class)
public class AcdStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DECISION_COLUMNS =
      "id, decided_at, kind, interaction_id, queue_id, agent_id, rule, candidates, candidate_count";

  private final DataSource dataSource;

  @Activate
  public AcdStore(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations) {
    this.dataSource = dataSource;
    migrations.migrate(dataSource, MigrationPlan.forOwner("acd", AcdStore.class));
  }

  /** The stored policy of a queue. */
  Optional<RoutingPolicy> policy(String queue) {
    return query("SELECT * FROM acd_routing_policy WHERE queue_id = ?", AcdStore::policyRow, queue)
        .stream()
        .findFirst();
  }

  List<RoutingPolicy> policies() {
    return query("SELECT * FROM acd_routing_policy ORDER BY queue_id", AcdStore::policyRow);
  }

  /** Stores a policy if its version matches (0 = any); returns it with the new version. */
  RoutingPolicy save(RoutingPolicy p) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long stored = storedVersion(c, p.queue());
        if (p.version() != 0 && p.version() != stored) {
          throw new ConflictException(
              "routing policy of queue "
                  + p.queue()
                  + " is at version "
                  + stored
                  + ", not "
                  + p.version()
                  + "; reload and retry");
        }
        RoutingPolicy next = p.withVersion(stored + 1);
        String sql =
            stored == 0
                ? "INSERT INTO acd_routing_policy (strategy, ring_ms, wrap_up_ms, sticky_ms, steps,"
                    + " version, queue_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE acd_routing_policy SET strategy = ?, ring_ms = ?, wrap_up_ms = ?,"
                    + " sticky_ms = ?, steps = ?, version = ? WHERE queue_id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, next.strategy());
          ps.setLong(2, next.ringTimeout().toMillis());
          ps.setLong(3, next.wrapUpTime().toMillis());
          ps.setLong(4, next.stickyWindow().toMillis());
          ps.setString(5, stepsJson(next.steps()));
          ps.setLong(6, next.version());
          ps.setString(7, next.queue());
          ps.executeUpdate();
        }
        c.commit();
        return next;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /** Appends decisions in one transaction. */
  void insert(List<Decision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO acd_decision ("
                    + DECISION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      for (Decision d : decisions) {
        ps.setString(1, d.id());
        ps.setTimestamp(2, Timestamp.from(d.at()));
        ps.setString(3, d.kind().name());
        ps.setString(4, d.interactionId());
        ps.setString(5, d.queue());
        ps.setString(6, d.agentId());
        ps.setString(7, d.rule().length() > 2000 ? d.rule().substring(0, 2000) : d.rule());
        ps.setString(8, write(d.candidates()));
        ps.setInt(9, d.candidateCount());
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  List<Decision> decisionsFor(String interactionId) {
    return query(
        "SELECT " + DECISION_COLUMNS + " FROM acd_decision WHERE interaction_id = ? ORDER BY seq",
        AcdStore::decisionRow,
        interactionId);
  }

  List<Decision> decisionsForAgent(String agentId, int limit) {
    return query(
        "SELECT "
            + DECISION_COLUMNS
            + " FROM acd_decision WHERE agent_id = ? ORDER BY seq DESC FETCH FIRST "
            + limit
            + " ROWS ONLY",
        AcdStore::decisionRow,
        agentId);
  }

  /** Deletes decisions older than {@code before}; returns how many. */
  int pruneDecisions(Instant before) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("DELETE FROM acd_decision WHERE decided_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(before));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private static long storedVersion(Connection c, String queue) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM acd_routing_policy WHERE queue_id = ?")) {
      ps.setString(1, queue);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, String... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private static RoutingPolicy policyRow(ResultSet rs) throws SQLException {
    return new RoutingPolicy(
        rs.getString("queue_id"),
        rs.getString("strategy"),
        Duration.ofMillis(rs.getLong("ring_ms")),
        Duration.ofMillis(rs.getLong("wrap_up_ms")),
        Duration.ofMillis(rs.getLong("sticky_ms")),
        steps(rs.getString("steps")),
        rs.getLong("version"));
  }

  private static Decision decisionRow(ResultSet rs) throws SQLException {
    return new Decision(
        rs.getString("id"),
        rs.getTimestamp("decided_at").toInstant(),
        Decision.Kind.valueOf(rs.getString("kind")),
        rs.getString("interaction_id"),
        rs.getString("queue_id"),
        rs.getString("agent_id"),
        rs.getString("rule"),
        read(rs.getString("candidates"), new TypeReference<List<Decision.ScoredCandidate>>() {}),
        rs.getInt("candidate_count"));
  }

  /** Steps as JSON: [{"afterMs":30000,"requirements":{"billing":7},"lastAgentOnly":false}]. */
  private static String stepsJson(List<RelaxationStep> steps) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RelaxationStep s : steps) {
      rows.add(
          Map.of(
              "afterMs", s.after().toMillis(),
              "requirements",
                  s.requirements().stream().map(r -> List.of(r.skill(), r.minimumLevel())).toList(),
              "lastAgentOnly", s.lastAgentOnly()));
    }
    return write(rows);
  }

  private static List<RelaxationStep> steps(String json) {
    List<RelaxationStep> steps = new ArrayList<>();
    for (Map<String, Object> row : read(json, new TypeReference<List<Map<String, Object>>>() {})) {
      List<SkillRequirement> requirements = new ArrayList<>();
      for (Object r : (List<?>) row.get("requirements")) {
        List<?> pair = (List<?>) r;
        requirements.add(
            new SkillRequirement((String) pair.get(0), ((Number) pair.get(1)).intValue()));
      }
      steps.add(
          new RelaxationStep(
              Duration.ofMillis(((Number) row.get("afterMs")).longValue()),
              requirements,
              Boolean.TRUE.equals(row.get("lastAgentOnly"))));
    }
    return steps;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SwitchboardException("stored ACD data is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static SwitchboardException databaseError(SQLException e) {
    return new SwitchboardException(
        "ACD database error (" + e.getSQLState() + "): " + e.getMessage(), e);
  }
}
