package org.switchboard.acd.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * A what-if scenario for the {@link Simulator}: queues with their traffic, agent groups, a length.
 *
 * @param seed random seed; the same scenario and seed give the same report
 * @param length simulated time (virtual; nothing sleeps)
 * @param warmUp simulated time at the start excluded from the statistics
 * @param queues the queues and their traffic
 * @param agentGroups the agents
 */
public record SimulationScenario(
    long seed,
    Duration length,
    Duration warmUp,
    List<QueueLoad> queues,
    List<AgentGroup> agentGroups) {
  /** Upper bound on arrivals so that a request cannot occupy the router for long. */
  public static final long MAX_ARRIVALS = 5_000_000;

  public SimulationScenario {
    Identifiers.require("length", length);
    warmUp = warmUp == null ? Duration.ZERO : warmUp;
    if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(366)) > 0) {
      throw new ValidationException("length", "must be between 1 s and 366 days");
    }
    if (warmUp.isNegative() || warmUp.compareTo(length) >= 0) {
      throw new ValidationException("warmUp", "must be at least 0 and shorter than length");
    }
    if (queues == null || queues.isEmpty()) {
      throw new ValidationException("queues", "name at least one queue");
    }
    if (agentGroups == null || agentGroups.isEmpty()) {
      throw new ValidationException("agentGroups", "name at least one agent group");
    }
    queues = List.copyOf(queues);
    agentGroups = List.copyOf(agentGroups);
    double expected =
        queues.stream().mapToDouble(QueueLoad::arrivalsPerHour).sum() * length.toSeconds() / 3600.0;
    if (expected > MAX_ARRIVALS) {
      throw new ValidationException(
          "length",
          "the scenario would simulate about "
              + (long) expected
              + " arrivals; at most "
              + MAX_ARRIVALS
              + " are allowed");
    }
  }

  /**
   * One queue's traffic.
   *
   * @param queue queue id (also used in the report)
   * @param channel channel type id, e.g. {@code voice}
   * @param arrivalsPerHour mean Poisson arrival rate
   * @param handleTime handle-time distribution
   * @param patience how long callers wait before hanging up; null means they never abandon
   * @param priority queue priority 0-100
   * @param serviceLevelThreshold answer-within time for the service level
   * @param requiredSkills skills every serving agent needs
   * @param policy routing policy (strategy, relaxation steps); null means defaults
   */
  public record QueueLoad(
      String queue,
      String channel,
      double arrivalsPerHour,
      Distribution handleTime,
      Distribution patience,
      int priority,
      Duration serviceLevelThreshold,
      List<SkillRequirement> requiredSkills,
      RoutingPolicy policy) {
    public QueueLoad {
      Identifiers.requireName("queue", queue);
      channel = channel == null ? "voice" : channel;
      if (!(arrivalsPerHour > 0) || arrivalsPerHour > 1_000_000) {
        throw new ValidationException("arrivalsPerHour", "must be above 0 and at most 1,000,000");
      }
      Identifiers.require("handleTime", handleTime);
      if (priority < 0 || priority > 100) {
        throw new ValidationException("priority", "must be between 0 and 100");
      }
      serviceLevelThreshold =
          serviceLevelThreshold == null ? Duration.ofSeconds(20) : serviceLevelThreshold;
      requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
    }
  }

  /**
   * Agents with the same profile.
   *
   * @param count how many, 1-100,000
   * @param skills skill levels by skill id
   * @param capacity slots per channel id, e.g. {@code voice=1}
   */
  public record AgentGroup(int count, Map<String, Integer> skills, Map<String, Integer> capacity) {
    public AgentGroup {
      if (count < 1 || count > 100_000) {
        throw new ValidationException("count", "must be between 1 and 100,000");
      }
      skills = skills == null ? Map.of() : Map.copyOf(skills);
      capacity = capacity == null || capacity.isEmpty() ? Map.of("voice", 1) : Map.copyOf(capacity);
    }
  }

  /**
   * A random duration: exponential, log-normal (mean and standard deviation) or constant.
   *
   * @param kind the family
   * @param mean mean
   * @param stdDev standard deviation, only for {@link Kind#LOGNORMAL}
   */
  public record Distribution(Kind kind, Duration mean, Duration stdDev) {
    public Distribution {
      Identifiers.require("kind", kind);
      Identifiers.require("mean", mean);
      if (mean.isNegative() || mean.isZero()) {
        throw new ValidationException("mean", "must be positive");
      }
      if (kind == Kind.LOGNORMAL && (stdDev == null || stdDev.isNegative() || stdDev.isZero())) {
        throw new ValidationException("stdDev", "is required and positive for LOGNORMAL");
      }
    }

    /** Exponentially distributed with the given mean. */
    public static Distribution exponential(Duration mean) {
      return new Distribution(Kind.EXPONENTIAL, mean, null);
    }

    /** The families. */
    public enum Kind {
      EXPONENTIAL,
      LOGNORMAL,
      CONSTANT
    }
  }
}
