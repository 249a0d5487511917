package org.switchboard.core.api.queue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * A queue: interactions of the given channel types wait here until the ACD offers them to an agent
 * who meets the skill requirements.
 *
 * @param id stable identifier, e.g. {@code support}
 * @param name display name
 * @param channels channel types this queue accepts; at least one
 * @param requiredSkills skills every agent serving this queue must have
 * @param priority 0 (lowest) to 100; higher-priority queues are served first
 * @param serviceLevelThreshold answer-within time counted as "in service level", e.g. 20 s
 * @param serviceLevelTarget target percentage of interactions answered within the threshold, 1-100
 * @param maxWait longest an interaction may wait before it leaves to the overflow target; null =
 *     unbounded
 * @param overflowQueue queue id that receives interactions after {@code maxWait}; null = none
 * @param version optimistic-concurrency version, assigned by the core (0 for a new queue)
 */
public record Queue(
    String id,
    String name,
    Set<ChannelType> channels,
    List<SkillRequirement> requiredSkills,
    int priority,
    Duration serviceLevelThreshold,
    int serviceLevelTarget,
    Duration maxWait,
    String overflowQueue,
    long version) {

  public Queue {
    Identifiers.requireName("id", id);
    name = name == null || name.isBlank() ? id : name;
    if (channels == null || channels.isEmpty()) {
      throw new ValidationException("channels", "must name at least one channel type");
    }
    channels = Set.copyOf(channels);
    requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
    if (priority < 0 || priority > 100) {
      throw new ValidationException("priority", "must be between 0 and 100, got " + priority);
    }
    Identifiers.require("serviceLevelThreshold", serviceLevelThreshold);
    if (serviceLevelThreshold.isNegative() || serviceLevelThreshold.isZero()) {
      throw new ValidationException("serviceLevelThreshold", "must be positive");
    }
    if (serviceLevelTarget < 1 || serviceLevelTarget > 100) {
      throw new ValidationException(
          "serviceLevelTarget",
          "must be a percentage between 1 and 100, got " + serviceLevelTarget);
    }
    if (maxWait != null && (maxWait.isNegative() || maxWait.isZero())) {
      throw new ValidationException("maxWait", "must be positive or absent");
    }
    if (overflowQueue != null) {
      Identifiers.requireName("overflowQueue", overflowQueue);
      if (overflowQueue.equals(id)) {
        throw new ValidationException("overflowQueue", "cannot be the queue itself");
      }
    }
  }

  /** Whether this queue takes interactions of the given channel. */
  public boolean accepts(ChannelType channel) {
    return channels.contains(channel);
  }

  /** A copy with another version (used by the core when storing). */
  public Queue withVersion(long newVersion) {
    return new Queue(
        id,
        name,
        channels,
        requiredSkills,
        priority,
        serviceLevelThreshold,
        serviceLevelTarget,
        maxWait,
        overflowQueue,
        newVersion);
  }
}
