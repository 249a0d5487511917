package org.switchboard.acd.api;

import java.time.Instant;
import java.util.List;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * What a strategy knows about the interaction being routed.
 *
 * @param interactionId the interaction
 * @param channel its channel type
 * @param queue the queue it waits in
 * @param priority effective priority (the interaction's plus any customer priority), 0-100
 * @param requirements every skill requirement in force now (queue, interaction and relaxation step)
 * @param customerRef the customer, null when unknown
 * @param lastAgent the agent who last served this customer within the queue's sticky window, or
 *     null
 * @param queuedAt when it entered the queue
 * @param now the router's clock (virtual time in the simulator)
 */
public record RoutingRequest(
    String interactionId,
    ChannelType channel,
    String queue,
    int priority,
    List<SkillRequirement> requirements,
    String customerRef,
    String lastAgent,
    Instant queuedAt,
    Instant now) {
  public RoutingRequest {
    requirements = List.copyOf(requirements);
  }
}
