package org.switchboard.reports.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.reports.api.QueueVisit.Outcome;

/**
 * Turns interaction events into queue visits: {@code queued} opens a visit, {@code accepted}
 * answers it, {@code held}/{@code resumed} add hold, {@code conversation-ended} ends the talk,
 * {@code completed} closes it with its disposition, {@code abandoned} abandons it, and a {@code
 * transferred} to a queue ends it and opens the next visit there. Other events change no visit. Not
 * thread-safe: one projection thread applies events in sequence order.
 */
final class VisitProjection {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(VisitProjection.class);

  private final Map<String, OpenVisit> open;
  private final Function<String, Integer> lastVisitNumber;
  private final Map<String, OpenVisit> changed = new LinkedHashMap<>();
  private final Map<String, Integer> numbers = new java.util.HashMap<>();

  /**
   * @param open the open visit of each interaction, as stored
   * @param lastVisitNumber the highest visit number stored for an interaction without an open visit
   *     (0 for none)
   */
  VisitProjection(Map<String, OpenVisit> open, Function<String, Integer> lastVisitNumber) {
    this.open = open;
    this.lastVisitNumber = lastVisitNumber;
  }

  /** Applies one event; events that are not about interactions are skipped. */
  void apply(SwitchboardEvent e) {
    String type = e.type();
    if (!type.startsWith("org.switchboard.interaction.")) {
      return;
    }
    JsonNode data;
    try {
      data = JSON.readTree(e.data());
    } catch (java.io.IOException bad) {
      // One unreadable event must not stop every report behind it: it is skipped, loudly.
      LOG.error("Event {} ({}) has no readable JSON data; reports skip it", e.sequence(), type);
      return;
    }
    JsonNode i = data.path("interaction");
    String id = e.subject();
    Instant time = e.time();
    OpenVisit cur = open.get(id);
    switch (type) {
      case EventTypes.INTERACTION_QUEUED -> start(id, i, time, cur);
      case EventTypes.INTERACTION_TRANSFERRED -> transferred(id, i, time, cur);
      case EventTypes.INTERACTION_ACCEPTED -> {
        if (cur != null) {
          if (cur.answeredAt == null) {
            cur.answeredAt = time;
            cur.outcome = Outcome.ANSWERED;
          }
          cur.agent = text(data.path("agent"), text(i.path("agent"), cur.agent));
          touch(cur);
        }
      }
      case EventTypes.INTERACTION_CALLBACK_REQUESTED -> {
        if (cur != null && cur.callbackAt == null) {
          cur.callbackAt = time;
          touch(cur);
        }
      }
      case EventTypes.INTERACTION_HELD -> {
        if (cur != null && cur.holdSince == null) {
          cur.holdSince = time;
          touch(cur);
        }
      }
      case EventTypes.INTERACTION_RESUMED -> {
        if (cur != null) {
          cur.endHold(time);
          touch(cur);
        }
      }
      case EventTypes.INTERACTION_CONVERSATION_ENDED -> {
        if (cur != null && cur.answeredAt != null) {
          cur.endHold(time);
          cur.endedAt = time;
          touch(cur);
        }
      }
      case EventTypes.INTERACTION_COMPLETED -> completed(i, time, cur);
      case EventTypes.INTERACTION_ABANDONED -> abandoned(time, cur);
      default -> {}
    }
  }

  /** The visits changed since the last call, and forgets them (they are stored now). */
  Collection<OpenVisit> drainChanged() {
    Collection<OpenVisit> out = java.util.List.copyOf(changed.values());
    changed.clear();
    numbers.clear();
    return out;
  }

  private void start(String id, JsonNode i, Instant time, OpenVisit cur) {
    String queue = text(i.path("queue"), null);
    if (queue == null) {
      return;
    }
    if (cur != null) {
      // Queued again without a transfer (a channel re-queued it): the old visit ends here.
      end(
          cur,
          time,
          cur.answeredAt == null ? Outcome.TRANSFERRED : Outcome.ANSWERED_THEN_TRANSFERRED);
    }
    int number = numbers.computeIfAbsent(id, lastVisitNumber) + 1;
    numbers.put(id, number);
    OpenVisit v =
        new OpenVisit(
            id,
            number,
            text(i.path("channel"), "unknown"),
            queue,
            text(i.path("customerRef"), null),
            time);
    open.put(id, v);
    touch(v);
  }

  private void transferred(String id, JsonNode i, Instant time, OpenVisit cur) {
    boolean toQueue = "QUEUED".equals(i.path("state").asText());
    if (cur != null) {
      cur.transfers++;
      if (toQueue) {
        end(
            cur,
            time,
            cur.answeredAt == null ? Outcome.TRANSFERRED : Outcome.ANSWERED_THEN_TRANSFERRED);
      } else {
        touch(cur);
      }
    }
    if (toQueue) {
      start(id, i, time, null);
    }
  }

  private void completed(JsonNode i, Instant time, OpenVisit cur) {
    if (cur == null) {
      return;
    }
    cur.endHold(time);
    if (cur.answeredAt != null && cur.endedAt == null) {
      cur.endedAt = time;
    }
    cur.completedAt = time;
    cur.disposition = text(i.path("disposition").path("code"), null);
    cur.open = false;
    open.remove(cur.interactionId);
    touch(cur);
  }

  private void abandoned(Instant time, OpenVisit cur) {
    if (cur == null) {
      return;
    }
    cur.endHold(time);
    if (cur.answeredAt == null) {
      cur.outcome = Outcome.ABANDONED;
    }
    if (cur.endedAt == null) {
      cur.endedAt = time;
    }
    cur.open = false;
    open.remove(cur.interactionId);
    touch(cur);
  }

  private void end(OpenVisit v, Instant time, Outcome outcome) {
    v.endHold(time);
    v.outcome = outcome;
    if (v.endedAt == null) {
      v.endedAt = time;
    }
    v.open = false;
    open.remove(v.interactionId);
    touch(v);
  }

  private void touch(OpenVisit v) {
    changed.put(key(v), v);
  }

  private static String key(OpenVisit v) {
    return v.interactionId + "#" + v.visit;
  }

  private static String text(JsonNode n, String fallback) {
    return n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
  }
}
