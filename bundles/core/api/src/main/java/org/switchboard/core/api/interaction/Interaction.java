package org.switchboard.core.api.interaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * One customer contact on one channel: a call, a chat, an email, a message. Immutable snapshot; the
 * core hands out a new one after every change.
 *
 * @param id unique id assigned by the core (UUID)
 * @param channel the channel type
 * @param channelRef the channel's own id for it (SIP Call-ID, chat session id...), may be null;
 *     unique per channel, so a channel re-opening the same contact gets the same interaction
 * @param direction inbound or outbound
 * @param from the customer's address for inbound (phone number, email, visitor id), the company's
 *     for outbound
 * @param to the dialled number / address written to
 * @param customerRef the customer record this interaction belongs to, null until resolved
 * @param queue the queue it waits or waited in, null before enqueue
 * @param priority 0 (lowest) to 100; higher is served first within a queue
 * @param requiredSkills skills the serving agent must have, beyond the queue's own
 * @param attributes key/value data set by channels, flows and CRM (see {@link Attributes})
 * @param state lifecycle state
 * @param agent the agent it is offered to or assigned to, null when none
 * @param disposition set when closed by an agent or flow, otherwise null
 * @param createdAt when it was opened
 * @param queuedAt when it entered its current queue; kept when an offer fails and it returns
 * @param answeredAt when an agent accepted it, null before
 * @param endedAt when it reached a final state, null before
 * @param updatedAt when it last changed
 * @param version increases with every change
 */
public record Interaction(
    String id,
    ChannelType channel,
    String channelRef,
    Direction direction,
    String from,
    String to,
    String customerRef,
    String queue,
    int priority,
    List<SkillRequirement> requiredSkills,
    Map<String, String> attributes,
    InteractionState state,
    String agent,
    Disposition disposition,
    Instant createdAt,
    Instant queuedAt,
    Instant answeredAt,
    Instant endedAt,
    Instant updatedAt,
    long version) {

  public Interaction {
    requiredSkills = requiredSkills == null ? List.of() : List.copyOf(requiredSkills);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
