package org.switchboard.acd.impl.engine;

import java.time.Instant;
import java.util.List;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * The router's view of one waiting interaction.
 *
 * @param interactionId the interaction
 * @param channel channel type id
 * @param queue queue id
 * @param priority effective priority 0-100 (interaction priority plus customer priority)
 * @param requirements the interaction's own skill requirements (beyond the queue's)
 * @param queuedAt when it entered the queue; the order of the line
 * @param customerRef the customer, may be null
 * @param lastAgent the agent who last served the customer within the sticky window, may be null
 * @param callback whether the customer asked to be called back instead of waiting on the line
 * @param transferredFrom the agent who last transferred it to the queue, may be null
 * @param notBefore not offered before this instant (a scheduled or retried callback); null = now
 */
public record WaitingContact(
    String interactionId,
    String channel,
    String queue,
    int priority,
    List<SkillRequirement> requirements,
    Instant queuedAt,
    String customerRef,
    String lastAgent,
    boolean callback,
    String transferredFrom,
    Instant notBefore) {
  public WaitingContact {
    requirements = List.copyOf(requirements);
  }

  /** A contact that may be offered at once. */
  public WaitingContact(
      String interactionId,
      String channel,
      String queue,
      int priority,
      List<SkillRequirement> requirements,
      Instant queuedAt,
      String customerRef,
      String lastAgent,
      boolean callback,
      String transferredFrom) {
    this(
        interactionId,
        channel,
        queue,
        priority,
        requirements,
        queuedAt,
        customerRef,
        lastAgent,
        callback,
        transferredFrom,
        null);
  }

  /** Whether it may be offered at {@code now}. */
  public boolean due(Instant now) {
    return notBefore == null || !now.isBefore(notBefore);
  }
}
