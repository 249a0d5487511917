package org.switchboard.acd.impl.engine;

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
 */
record Requirements(
    int step,
    String stepRule,
    List<SkillRequirement> extra,
    List<SkillRequirement> all,
    String onlyAgent) {

  static Requirements of(QueueRules queue, WaitingContact contact, int step, boolean lastAgentIn) {
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
    return new Requirements(step, rule, extra, all, only);
  }

  boolean admits(AgentSlot agent, String channel) {
    return agent.canTake(channel)
        && (onlyAgent == null || onlyAgent.equals(agent.id))
        && agent.meets(extra);
  }

  /** Requirements in words, e.g. {@code billing>=7}. */
  List<String> describeAll() {
    return all.stream().map(r -> r.skill() + ">=" + r.minimumLevel()).toList();
  }
}
