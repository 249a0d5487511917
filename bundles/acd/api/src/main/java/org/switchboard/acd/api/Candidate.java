package org.switchboard.acd.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An agent who could take the interaction being routed.
 *
 * @param agentId the agent
 * @param skills the agent's skill levels by skill id
 * @param busySlots interactions the agent holds now, all channels
 * @param totalSlots the agent's capacity summed over all channels
 * @param idleSince the later of: became ready, last offer, last interaction finished
 * @param lastOfferAt when the agent last received an offer, null if not since the router started
 */
public record Candidate(
    String agentId,
    Map<String, Integer> skills,
    int busySlots,
    int totalSlots,
    Instant idleSince,
    Instant lastOfferAt) {
  public Candidate {
    skills = Map.copyOf(skills);
  }

  /** The agent's level in a skill, 0 without it. */
  public int levelOf(String skill) {
    return skills.getOrDefault(skill, 0);
  }

  /** How long the agent has been idle at {@code now}, never negative. */
  public Duration idleFor(Instant now) {
    Duration idle = Duration.between(idleSince, now);
    return idle.isNegative() ? Duration.ZERO : idle;
  }

  /** Share of the agent's capacity in use, 0.0 to 1.0. */
  public double load() {
    return totalSlots == 0 ? 1.0 : (double) busySlots / totalSlots;
  }
}
