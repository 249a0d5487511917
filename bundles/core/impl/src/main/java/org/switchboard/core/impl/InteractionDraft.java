package org.switchboard.core.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.skill.SkillRequirement;

/** A mutable copy of an interaction, changed by one operation and turned back into a record. */
final class InteractionDraft {
  private final Interaction base;
  String queue;
  int priority;
  List<SkillRequirement> requiredSkills;
  Map<String, String> attributes;
  InteractionState state;
  String agent;
  Disposition disposition;
  Instant queuedAt;
  Instant answeredAt;
  Instant endedAt;

  InteractionDraft(Interaction base) {
    this.base = base;
    queue = base.queue();
    priority = base.priority();
    requiredSkills = base.requiredSkills();
    attributes = base.attributes();
    state = base.state();
    agent = base.agent();
    disposition = base.disposition();
    queuedAt = base.queuedAt();
    answeredAt = base.answeredAt();
    endedAt = base.endedAt();
  }

  /** The changed interaction, one version later, updated at {@code now}. */
  Interaction build(Instant now) {
    return new Interaction(
        base.id(),
        base.channel(),
        base.channelRef(),
        base.direction(),
        base.from(),
        base.to(),
        base.customerRef(),
        queue,
        priority,
        requiredSkills,
        attributes,
        state,
        agent,
        disposition,
        base.createdAt(),
        queuedAt,
        answeredAt,
        endedAt,
        now,
        base.version() + 1);
  }
}
