package org.switchboard.reports.api;

import java.time.Duration;
import java.time.Instant;
import org.switchboard.core.api.agent.AgentState;

/**
 * A stretch of time an agent spent in one state, the fact agent reports count.
 *
 * @param agent the agent
 * @param state the state
 * @param reason the not-ready reason, or null
 * @param from when the agent entered the state
 * @param to when they left it, or null while they are still in it
 * @since 1.1
 */
public record AgentSpan(String agent, AgentState state, String reason, Instant from, Instant to) {
  /** The part of the span inside {@code [start, end)}; an open span lasts until {@code end}. */
  public Duration within(Instant start, Instant end) {
    Instant a = from.isAfter(start) ? from : start;
    Instant b = to == null || to.isAfter(end) ? end : to;
    return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
  }
}
