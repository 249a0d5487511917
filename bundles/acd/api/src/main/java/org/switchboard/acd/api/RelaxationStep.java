package org.switchboard.acd.api;

import java.time.Duration;
import java.util.List;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * One step of time-based requirement relaxation: from {@code after} of waiting on, the serving
 * agent must meet {@code requirements} (in addition to the queue's and the interaction's own). A
 * later step replaces an earlier one, so requirements usually loosen step by step; an empty list
 * means "any agent of the queue".
 *
 * @param after time in queue at which this step starts
 * @param requirements extra skill requirements while the step is active
 * @param lastAgentOnly while active, offer only to the agent who last served the customer, if that
 *     agent is logged in (otherwise the step's requirements alone apply)
 */
public record RelaxationStep(
    Duration after, List<SkillRequirement> requirements, boolean lastAgentOnly) {
  public RelaxationStep {
    Identifiers.require("after", after);
    if (after.isNegative()) {
      throw new ValidationException("after", "must not be negative");
    }
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
  }

  /** Human-readable form used in explanations, e.g. {@code after 30s: billing>=4}. */
  public String describe() {
    StringBuilder s = new StringBuilder("after ").append(after.toSeconds()).append("s: ");
    if (lastAgentOnly) {
      s.append("last agent only; ");
    }
    if (requirements.isEmpty()) {
      s.append("any agent of the queue");
    } else {
      s.append(
          String.join(
              ", ", requirements.stream().map(r -> r.skill() + ">=" + r.minimumLevel()).toList()));
    }
    return s.toString();
  }
}
