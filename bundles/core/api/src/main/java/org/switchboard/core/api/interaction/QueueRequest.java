package org.switchboard.core.api.interaction;

import java.util.List;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * Where and how an interaction should wait.
 *
 * @param queue target queue id, required
 * @param priority 0-100, or null to use the queue's priority
 * @param requiredSkills skills needed beyond the queue's own, may be null
 */
public record QueueRequest(String queue, Integer priority, List<SkillRequirement> requiredSkills) {
  public QueueRequest {
    Identifiers.requireName("queue", queue);
    if (priority != null && (priority < 0 || priority > 100)) {
      throw new ValidationException("priority", "must be between 0 and 100, got " + priority);
    }
    requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
  }

  /** Enqueue into a queue with its defaults. */
  public static QueueRequest to(String queue) {
    return new QueueRequest(queue, null, null);
  }
}
