package org.switchboard.acd.impl;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.switchboard.acd.api.Decision;

/** Decisions that are not offers: timers that fired and reconciliations. */
final class Decisions {
  private Decisions() {}

  static Decision of(
      Decision.Kind kind,
      Instant at,
      String interactionId,
      String queue,
      String agent,
      String rule) {
    return new Decision(
        UUID.randomUUID().toString(), at, kind, interactionId, queue, agent, rule, List.of(), 0);
  }
}
