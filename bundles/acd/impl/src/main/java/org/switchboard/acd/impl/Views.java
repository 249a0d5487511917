package org.switchboard.acd.impl;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.impl.engine.QueueRules;
import org.switchboard.acd.impl.engine.WaitingContact;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.SkillLevel;

/** Turns the core's records into the engine's views. */
final class Views {
  private Views() {}

  static QueueRules rules(Queue q, RoutingPolicy policy) {
    return new QueueRules(
        q.id(),
        q.channels().stream().map(ChannelType::id).collect(Collectors.toSet()),
        q.requiredSkills(),
        q.serviceLevelThreshold(),
        q.maxWait(),
        q.overflowQueue(),
        policy);
  }

  static Map<String, Integer> skills(Agent a) {
    Map<String, Integer> levels = new HashMap<>();
    for (SkillLevel l : a.skills()) {
      levels.put(l.skill(), l.level());
    }
    return levels;
  }

  static Map<String, Integer> capacity(Agent a) {
    Map<String, Integer> slots = new HashMap<>();
    a.capacity().forEach((channel, n) -> slots.put(channel.id(), n));
    return slots;
  }

  /**
   * The waiting view of a queued interaction: priority raised by customer priority or VIP, and the
   * customer's last agent within the queue's sticky window.
   */
  static WaitingContact contact(
      Interaction i, RoutingPolicy policy, int vipBoost, InteractionService history, Instant now) {
    return new WaitingContact(
        i.id(),
        i.channel().id(),
        i.queue(),
        effectivePriority(i, vipBoost),
        i.requiredSkills(),
        i.queuedAt(),
        i.customerRef(),
        lastAgent(i, policy, history, now),
        i.attributes().containsKey(Attributes.CALLBACK_ADDRESS),
        i.attributes().get(Attributes.TRANSFERRED_FROM),
        notBefore(i));
  }

  /** When a scheduled or retried callback may be offered; null (now) when unset or unreadable. */
  static Instant notBefore(Interaction i) {
    String at = i.attributes().get(Attributes.CALLBACK_NOT_BEFORE);
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(at.strip());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  static int effectivePriority(Interaction i, int vipBoost) {
    int boost = 0;
    String customer = i.attributes().get(Attributes.CUSTOMER_PRIORITY);
    if (customer != null) {
      try {
        boost = Math.max(0, Math.min(100, Integer.parseInt(customer.strip())));
      } catch (NumberFormatException e) {
        boost = 0;
      }
    }
    if (boost == 0 && "true".equalsIgnoreCase(i.attributes().get(Attributes.VIP))) {
      boost = vipBoost;
    }
    return Math.min(100, i.priority() + boost);
  }

  private static String lastAgent(
      Interaction i, RoutingPolicy policy, InteractionService history, Instant now) {
    if (i.customerRef() == null || policy.stickyWindow().isZero()) {
      return null;
    }
    Instant since = now.minus(policy.stickyWindow());
    for (Interaction past : history.history(i.customerRef(), 20)) {
      if (past.id().equals(i.id()) || past.answeredAt() == null || past.agent() == null) {
        continue;
      }
      return past.answeredAt().isAfter(since) ? past.agent() : null;
    }
    return null;
  }
}
