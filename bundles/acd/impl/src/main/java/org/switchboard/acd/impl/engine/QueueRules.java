package org.switchboard.acd.impl.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * Everything the engine needs to know about a queue: the core's definition and the ACD's policy.
 *
 * @param id queue id
 * @param channels channel type ids it accepts
 * @param requiredSkills what makes an agent a member of the queue
 * @param serviceLevelThreshold for the service-level-risk tie-break
 * @param maxWait longest wait before overflow, null for none
 * @param overflowQueue where it overflows to, null for none
 * @param policy the ACD policy (strategy, steps, timers)
 */
public record QueueRules(
    String id,
    Set<String> channels,
    List<SkillRequirement> requiredSkills,
    Duration serviceLevelThreshold,
    Duration maxWait,
    String overflowQueue,
    RoutingPolicy policy) {
  public QueueRules {
    channels = Set.copyOf(channels);
    requiredSkills = List.copyOf(requiredSkills);
  }
}
