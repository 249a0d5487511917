package org.switchboard.reports.engine;

import java.time.Duration;
import java.time.Instant;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.QueueVisit.Outcome;

/** A queue visit as the projection changes it; one row of report_visit. */
final class OpenVisit {
  final String interactionId;
  final int visit;
  final String channel;
  final String queue;
  final String customerRef;
  final Instant queuedAt;
  Instant callbackAt;
  Instant answeredAt;
  String agent;
  Instant endedAt;
  Instant completedAt;
  Outcome outcome = Outcome.WAITING;
  long holdMillis;
  Instant holdSince;
  int transfers;
  String disposition;
  boolean open = true;

  OpenVisit(
      String interactionId,
      int visit,
      String channel,
      String queue,
      String customerRef,
      Instant queuedAt) {
    this.interactionId = interactionId;
    this.visit = visit;
    this.channel = channel;
    this.queue = queue;
    this.customerRef = customerRef;
    this.queuedAt = queuedAt;
  }

  /** Ends a hold running at {@code time}. */
  void endHold(Instant time) {
    if (holdSince != null) {
      holdMillis += Math.max(0, Duration.between(holdSince, time).toMillis());
      holdSince = null;
    }
  }

  QueueVisit toVisit() {
    return new QueueVisit(
        interactionId,
        visit,
        channel,
        queue,
        customerRef,
        queuedAt,
        callbackAt,
        answeredAt,
        agent,
        endedAt,
        completedAt,
        outcome,
        Duration.ofMillis(holdMillis),
        transfers,
        disposition);
  }
}
