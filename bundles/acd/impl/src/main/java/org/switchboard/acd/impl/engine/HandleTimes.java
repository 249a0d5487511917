package org.switchboard.acd.impl.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Average handle time per queue (from the agent's answer to the interaction's close, so talk, hold
 * and wrap-up), learned from the interactions the router saw close since it started. An
 * exponentially weighted moving average: each new interaction weighs {@value #WEIGHT}, so the
 * estimate follows the last twenty or so and a shift in the day's work shows within minutes.
 * Touched only on the router thread, like the rest of the engine.
 */
public final class HandleTimes {
  static final double WEIGHT = 0.1;
  private static final Duration LONGEST = Duration.ofHours(8);

  private final Map<String, Double> seconds = new HashMap<>();

  /** One interaction of {@code queue} was handled in {@code handled}; absurd values are ignored. */
  public void handled(String queue, Duration handled) {
    if (queue == null || handled.isNegative() || handled.compareTo(LONGEST) > 0) {
      return;
    }
    double s = handled.toMillis() / 1000.0;
    seconds.merge(queue, s, (old, now) -> old + WEIGHT * (now - old));
  }

  /** The queue's average handle time, empty before its first closed interaction. */
  public Optional<Duration> average(String queue) {
    Double s = seconds.get(queue);
    return s == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(s * 1000)));
  }

  /**
   * How long the contact at {@code position} in line should expect to wait: every eligible agent
   * serves one contact per average handle time, so the line ahead clears at {@code eligible} per
   * handle time. Deliberately on the long side: callers forgive a short wait, not a broken promise.
   *
   * @return zero when an eligible agent is free now; empty when nobody eligible is logged in or the
   *     queue has no history yet
   */
  public Optional<Duration> expectedWait(String queue, int position, int eligible, int free) {
    if (free > 0) {
      return Optional.of(Duration.ZERO);
    }
    if (eligible == 0 || position < 1) {
      return Optional.empty();
    }
    return average(queue).map(aht -> aht.multipliedBy(position).dividedBy(eligible));
  }
}
