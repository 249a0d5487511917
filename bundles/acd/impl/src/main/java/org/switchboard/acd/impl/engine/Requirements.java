package org.switchboard.acd.impl.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * What an agent must meet to take a contact right now, beyond membership of the queue.
 *
 * @param step index of the relaxation step in force, -1 before the first
 * @param stepRule the step in words
 * @param extra the interaction's own requirements plus the step's
 * @param all the queue's, the interaction's and the step's requirements (for strategies)
 * @param onlyAgent when a last-agent-only step is in force and that agent is logged in, their id
 * @param notAgent the agent who just transferred the contact to this queue, who does not get it
 *     straight back; null when none
 */
record Requirements(
    int step,
    String stepRule,
    List<SkillRequirement> extra,
    List<SkillRequirement> all,
    String onlyAgent,
    String notAgent) {

  /** How long a transferred contact stays away from the agent who transferred it. */
  static final Duration TRANSFER_BACK_GUARD = Duration.ofSeconds(60);

  static Requirements of(
      QueueRules queue, WaitingContact contact, int step, boolean lastAgentIn, Duration waited) {
    List<SkillRequirement> extra = new ArrayList<>(contact.requirements());
    String rule = "no relaxation step yet";
    String only = null;
    if (step >= 0) {
      RelaxationStep s = queue.policy().steps().get(step);
      extra.addAll(s.requirements());
      rule = "step " + (step + 1) + "/" + queue.policy().steps().size() + " (" + s.describe() + ")";
      if (s.lastAgentOnly() && lastAgentIn) {
        only = contact.lastAgent();
      }
    }
    List<SkillRequirement> all = new ArrayList<>(queue.requiredSkills());
    all.addAll(extra);
    String not = waited.compareTo(TRANSFER_BACK_GUARD) < 0 ? contact.transferredFrom() : null;
    return new Requirements(step, rule, extra, all, only, not);
  }

  boolean admits(AgentSlot agent, String channel) {
    return agent.canTake(channel)
        && (onlyAgent == null || onlyAgent.equals(agent.id))
        && !agent.id.equals(notAgent)
        && agent.meets(extra);
  }

  /** Requirements in words, e.g. {@code billing>=7}. */
  List<String> describeAll() {
    return all.stream().map(r -> r.skill() + ">=" + r.minimumLevel()).toList();
  }
}
