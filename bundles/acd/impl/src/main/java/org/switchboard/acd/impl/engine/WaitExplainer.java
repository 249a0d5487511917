package org.switchboard.acd.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.core.api.skill.SkillRequirement;

/** Answers "why is this interaction still waiting" from the engine's live view. */
public final class WaitExplainer {
  private WaitExplainer() {}

  /** The explanation, or empty when the interaction is not waiting in the engine. */
  public static Optional<WaitExplanation> explain(
      RoutingEngine engine, String interactionId, Instant now) {
    Line line = engine.lineEntry(interactionId);
    if (line == null) {
      return Optional.empty();
    }
    WaitingContact c = line.contact;
    QueueRules q = engine.queue(c.queue());
    List<WaitingContact> queueLine = engine.line(c.queue());
    int position = queueLine.indexOf(c) + 1;
    Duration waited = Duration.between(c.queuedAt(), now);
    if (q == null) {
      return Optional.of(
          new WaitExplanation(
              interactionId,
              c.queue(),
              waited,
              position,
              position - 1,
              "none",
              List.of(),
              0,
              java.util.Map.of(),
              "queue '" + c.queue() + "' is not known to the router",
              null,
              null));
    }
    Requirements req = engine.requirements(q, line, now);
    TreeMap<String, Integer> excluded = new TreeMap<>();
    int eligible = 0;
    int eligibleFree = 0;
    for (AgentSlot a : engine.agents()) {
      if (!a.loggedIn) {
        continue;
      }
      String reason = exclusion(a, q, c, req);
      if (reason != null) {
        excluded.merge(reason, 1, Integer::sum);
        continue;
      }
      eligible++;
      String busy = busyReason(a, c.channel());
      if (busy == null) {
        eligibleFree++;
      } else {
        excluded.merge(busy, 1, Integer::sum);
      }
    }
    String summary =
        c.due(now)
            ? summary(engine, line, q, position, eligible, eligibleFree)
            : "a callback not to be offered before " + c.notBefore() + "; it keeps its place";
    return Optional.of(
        new WaitExplanation(
            interactionId,
            c.queue(),
            waited.isNegative() ? Duration.ZERO : waited,
            position,
            position - 1,
            req.stepRule(),
            req.describeAll(),
            eligible,
            excluded,
            summary,
            nextChange(q, c, now),
            engine
                .handleTimes()
                .expectedWait(q.id(), position, eligible, eligibleFree)
                .orElse(null)));
  }

  /**
   * What a new contact of {@code channel} joining {@code queueId} now should expect to wait; see
   * {@link HandleTimes#expectedWait}. Empty for a queue the engine does not know.
   */
  public static Optional<Duration> expectedWaitToJoin(
      RoutingEngine engine, String queueId, String channel) {
    QueueRules q = engine.queue(queueId);
    if (q == null) {
      return Optional.empty();
    }
    int eligible = 0;
    int free = 0;
    for (AgentSlot a : engine.agents()) {
      if (a.loggedIn && a.memberQueues.contains(q.id()) && a.capacityOn(channel) > 0) {
        eligible++;
        free += busyReason(a, channel) == null ? 1 : 0;
      }
    }
    int position = engine.line(queueId).size() + 1;
    return engine.handleTimes().expectedWait(queueId, position, eligible, free);
  }

  private static String exclusion(AgentSlot a, QueueRules q, WaitingContact c, Requirements req) {
    if (!a.memberQueues.contains(q.id())) {
      return "not a member of queue " + q.id() + " (lacks " + missing(a, q.requiredSkills()) + ")";
    }
    if (a.capacityOn(c.channel()) == 0) {
      return "no " + c.channel() + " capacity configured";
    }
    if (req.onlyAgent() != null && !req.onlyAgent().equals(a.id)) {
      return "reserved for the customer's last agent " + req.onlyAgent();
    }
    if (!a.meets(c.requirements())) {
      return "lacks interaction skill " + missing(a, c.requirements());
    }
    if (!a.meets(req.extra())) {
      return "lacks skill required by the current step: " + missing(a, req.extra());
    }
    return null;
  }

  private static String busyReason(AgentSlot a, String channel) {
    if (!a.ready) {
      return "eligible but not ready";
    }
    if (a.blockingBusy > 0) {
      return "eligible but busy on a blocking channel";
    }
    if (a.busyOn(channel) >= a.capacityOn(channel)) {
      return "eligible but at " + channel + " capacity";
    }
    return null;
  }

  private static String missing(AgentSlot a, List<SkillRequirement> requirements) {
    return String.join(
        ", ",
        requirements.stream()
            .filter(r -> a.skills.getOrDefault(r.skill(), 0) < r.minimumLevel())
            .map(r -> r.skill() + ">=" + r.minimumLevel())
            .toList());
  }

  private static String summary(
      RoutingEngine engine, Line line, QueueRules q, int position, int eligible, int free) {
    if (!engine.strategyAvailable(q.policy().strategy())) {
      return "routing strategy '" + q.policy().strategy() + "' is not available; it waits for it";
    }
    if (eligible == 0) {
      return "no logged-in agent meets the requirements in force";
    }
    if (free == 0) {
      return "all "
          + eligible
          + " eligible agents are busy or not ready; "
          + (position - 1)
          + " ahead of it in queue "
          + q.id();
    }
    return free
        + " eligible agents are free; it is offered at the next routing pass"
        + (line.blockedBy == null ? "" : " (" + line.blockedBy + ")");
  }

  private static Instant nextChange(QueueRules q, WaitingContact c, Instant now) {
    Instant next = c.due(now) ? null : c.notBefore();
    for (RelaxationStep s : q.policy().steps()) {
      Instant at = c.queuedAt().plus(s.after());
      if (at.isAfter(now)) {
        next = next == null || at.isBefore(next) ? at : next;
        break;
      }
    }
    if (q.maxWait() != null) {
      Instant overflow = c.queuedAt().plus(q.maxWait());
      if (overflow.isAfter(now) && (next == null || overflow.isBefore(next))) {
        next = overflow;
      }
    }
    return next;
  }
}
