package org.switchboard.reports.api;

import java.time.Duration;
import java.time.Instant;

/**
 * One stay of an interaction in one queue, the fact queue reports count. An interaction transferred
 * to another queue makes a second visit there; a call that never reached a queue (served by the IVR
 * alone) makes none.
 *
 * @param interactionId the interaction
 * @param visit 1 for the interaction's first queue, 2 for the next...
 * @param channel the channel id ({@code voice}, {@code chat}...)
 * @param queue the queue
 * @param customerRef the customer, null when unknown
 * @param queuedAt when it entered the queue
 * @param callbackRequestedAt when the customer asked to be called back instead of waiting, or null
 * @param answeredAt when an agent accepted it, or null
 * @param agent the agent who accepted it, or null
 * @param endedAt when the visit ended: the conversation ended, it was transferred away, or the
 *     customer abandoned; null while it lasts
 * @param completedAt when the agent finished wrap-up (the visit that ended the interaction), or
 *     null
 * @param outcome how the visit ended
 * @param hold time the customer spent on hold during the visit
 * @param transfers how often an agent transferred it on during the visit (to a queue or agent)
 * @param disposition the disposition code the interaction was closed with, or null
 */
public record QueueVisit(
    String interactionId,
    int visit,
    String channel,
    String queue,
    String customerRef,
    Instant queuedAt,
    Instant callbackRequestedAt,
    Instant answeredAt,
    String agent,
    Instant endedAt,
    Instant completedAt,
    Outcome outcome,
    Duration hold,
    int transfers,
    String disposition) {

  /** How a visit ended. */
  public enum Outcome {
    /** Still waiting (or ringing an agent). */
    WAITING,
    /** An agent accepted it; the conversation may still run. */
    ANSWERED,
    /** The customer left before an agent accepted it. */
    ABANDONED,
    /** Moved to another queue (or agent) before anyone here answered it. */
    TRANSFERRED,
    /** An agent accepted it and then transferred it on. */
    ANSWERED_THEN_TRANSFERRED
  }

  /**
   * How long the customer waited in the queue: until answered, abandoned or moved away; null while
   * still waiting.
   */
  public Duration waitTime() {
    Instant end = answeredAt != null ? answeredAt : outcome == Outcome.WAITING ? null : endedAt;
    return end == null ? null : Duration.between(queuedAt, end);
  }

  /** Conversation time without hold: accepted until ended; null when not answered or not ended. */
  public Duration talkTime() {
    if (answeredAt == null || endedAt == null) {
      return null;
    }
    Duration talk = Duration.between(answeredAt, endedAt).minus(hold);
    return talk.isNegative() ? Duration.ZERO : talk;
  }

  /** Wrap-up time: conversation end until completed; zero when there was none. */
  public Duration wrapTime() {
    return endedAt == null || completedAt == null || completedAt.isBefore(endedAt)
        ? Duration.ZERO
        : Duration.between(endedAt, completedAt);
  }

  /** Whether the visit was answered (whatever happened after). */
  public boolean answered() {
    return answeredAt != null;
  }
}
