package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

/** The skill catalogue over the {@code skill} table. */
@Component(service = SkillService.class)
public class SkillServiceImpl implements SkillService {
  private final CoreStore store;

  @Activate
  public SkillServiceImpl(@Reference CoreStore store) {
    this.store = store;
  }

  @Override
  public List<Skill> list() {
    return store.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT id, description FROM skill ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            List<Skill> skills = new ArrayList<>();
            while (rs.next()) {
              skills.add(new Skill(rs.getString(1), rs.getString(2)));
            }
            return skills;
          }
        });
  }

  @Override
  public Optional<Skill> find(String id) {
    return store.read(c -> find(c, id));
  }

  static Optional<Skill> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, description FROM skill WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Skill(rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  /** Throws NotFoundException unless every skill id exists. */
  static void requireExisting(Connection c, Iterable<String> ids) throws SQLException {
    for (String id : ids) {
      if (find(c, id).isEmpty()) {
        throw new NotFoundException("skill", id);
      }
    }
  }

  @Override
  public Skill create(Skill skill) {
    return store.write(
        c -> {
          if (find(c, skill.id()).isPresent()) {
            throw new ConflictException("skill '" + skill.id() + "' already exists");
          }
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO skill (id, description, version) VALUES (?, ?, 1)")) {
            ps.setString(1, skill.id());
            ps.setString(2, skill.description());
            ps.executeUpdate();
          }
          Events.skill(c, EventTypes.SKILL_CREATED, skill);
          return skill;
        });
  }

  @Override
  public Skill update(Skill skill) {
    return store.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE skill SET description = ?, version = version + 1 WHERE id = ?")) {
            ps.setString(1, skill.description());
            ps.setString(2, skill.id());
            if (ps.executeUpdate() == 0) {
              throw new NotFoundException("skill", skill.id());
            }
          }
          Events.skill(c, EventTypes.SKILL_UPDATED, skill);
          return skill;
        });
  }

  @Override
  public void delete(String id) {
    store.write(
        c -> {
          Skill skill = find(c, id).orElseThrow(() -> new NotFoundException("skill", id));
          long users =
              count(c, "SELECT COUNT(*) FROM agent_skill WHERE skill_id = ?", id)
                  + count(c, "SELECT COUNT(*) FROM queue_skill WHERE skill_id = ?", id);
          if (users > 0) {
            throw new ConflictException(
                "skill '"
                    + id
                    + "' is still held by agents or required by queues; remove it there first");
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM skill WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
          Events.skill(c, EventTypes.SKILL_DELETED, skill);
          return null;
        });
  }

  static long count(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
