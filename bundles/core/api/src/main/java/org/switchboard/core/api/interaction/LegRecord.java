package org.switchboard.core.api.interaction;

import java.time.Instant;
import org.switchboard.core.api.ValidationException;

/**
 * A detail record of one leg of an interaction, written by its channel when the leg is over: for
 * voice one SIP dialog or attempt (the customer's call, each ringing of an agent's phone), i.e. a
 * CDR. Reports and external systems read them from the {@code legs-recorded} event.
 *
 * @param leg {@code customer}, {@code agent}, or {@code supervisor} (a supervisor listening in)
 * @param party who was on the leg: the customer's address, or the agent's or supervisor's id
 * @param address where the leg went or came from (a SIP contact or URI), may be null
 * @param channelRef the channel's id of the leg (the SIP Call-ID), may be null
 * @param startedAt when the leg began (INVITE received or sent)
 * @param answeredAt when it was answered, null when never
 * @param endedAt when it ended
 * @param outcome the channel's final word on its setup, e.g. {@code 200 OK}, {@code 486 Busy Here},
 *     {@code 487 Request Terminated}
 * @param endedBy who or what ended it, e.g. {@code customer}, {@code agent}, {@code switchboard:
 *     transferred}; null when it was never set up
 * @since 1.2
 */
public record LegRecord(
    String leg,
    String party,
    String address,
    String channelRef,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    String outcome,
    String endedBy) {
  public LegRecord {
    if (!"customer".equals(leg) && !"agent".equals(leg) && !"supervisor".equals(leg)) {
      throw new ValidationException("leg", "is customer, agent or supervisor, got " + leg);
    }
    if (party == null || party.isBlank() || startedAt == null || endedAt == null) {
      throw new ValidationException("leg", "party, startedAt and endedAt are required");
    }
    if (outcome == null || outcome.isBlank()) {
      throw new ValidationException("outcome", "is required");
    }
  }
}
