package org.switchboard.core.api.agent;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillLevel;

/**
 * An agent: a person who handles interactions. The id is the agent's login name in the security
 * realm.
 *
 * @param id login name
 * @param displayName name shown to supervisors and customers
 * @param skills skill levels; at most one entry per skill
 * @param teams team ids the agent belongs to
 * @param capacity how many interactions of each channel type the agent handles at once (e.g.
 *     voice=1, chat=3); a channel absent here means 0
 * @param state presence state, managed by the core
 * @param reason why the agent is in this state (mandatory for NOT_READY), may be empty
 * @param stateSince when the current state began
 * @param version optimistic-concurrency version, assigned by the core
 */
public record Agent(
    String id,
    String displayName,
    List<SkillLevel> skills,
    Set<String> teams,
    Map<ChannelType, Integer> capacity,
    AgentState state,
    String reason,
    Instant stateSince,
    long version) {

  /** Most interactions of one channel an agent may be given at once. */
  public static final int MAX_CAPACITY_PER_CHANNEL = 50;

  public Agent {
    Identifiers.requireName("id", id);
    displayName = displayName == null || displayName.isBlank() ? id : displayName;
    if (displayName.length() > 200) {
      throw new ValidationException("displayName", "must be at most 200 characters");
    }
    skills = skills == null ? List.of() : List.copyOf(skills);
    Set<String> seen = new HashSet<>();
    for (SkillLevel level : skills) {
      if (!seen.add(level.skill())) {
        throw new ValidationException("skills", "skill '" + level.skill() + "' is listed twice");
      }
    }
    teams = teams == null ? Set.of() : Set.copyOf(teams);
    teams.forEach(t -> Identifiers.requireName("teams", t));
    capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    capacity.forEach(
        (channel, slots) -> {
          if (slots == null || slots < 0 || slots > MAX_CAPACITY_PER_CHANNEL) {
            throw new ValidationException(
                "capacity." + channel, "must be between 0 and " + MAX_CAPACITY_PER_CHANNEL);
          }
        });
    state = state == null ? AgentState.LOGGED_OUT : state;
    reason = reason == null ? "" : reason;
  }

  /** Capacity for one channel, 0 when not configured. */
  public int capacityFor(ChannelType channel) {
    return capacity.getOrDefault(channel, 0);
  }

  /** The level the agent has in a skill, 0 when the agent lacks it. */
  public int levelOf(String skill) {
    return skills.stream()
        .filter(s -> s.skill().equals(skill))
        .mapToInt(SkillLevel::level)
        .findFirst()
        .orElse(0);
  }
}
