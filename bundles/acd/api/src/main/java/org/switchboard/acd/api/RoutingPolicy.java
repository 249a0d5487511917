package org.switchboard.acd.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * How the ACD routes one queue. Queues without a stored policy use {@link #defaults(String)}.
 *
 * @param queue the queue id
 * @param strategy id of the {@link RoutingStrategy} that ranks eligible agents
 * @param ringTimeout how long an offer may ring before it counts as "no answer" (RONA)
 * @param wrapUpTime after-contact work allowed before the ACD completes the interaction and frees
 *     the agent; zero means the agent completes it themself and no timer runs
 * @param stickyWindow how far back the customer's last agent counts as "last agent"; zero disables
 * @param steps relaxation steps, ordered by {@code after}; may be empty
 * @param version optimistic-concurrency version, assigned by the ACD (0 for new)
 */
public record RoutingPolicy(
    String queue,
    String strategy,
    Duration ringTimeout,
    Duration wrapUpTime,
    Duration stickyWindow,
    List<RelaxationStep> steps,
    long version) {
  public static final String DEFAULT_STRATEGY = "longest-idle";
  public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_WRAP_UP = Duration.ofSeconds(30);
  public static final Duration DEFAULT_STICKY_WINDOW = Duration.ofDays(7);
  public static final int MAX_STEPS = 10;
  private static final Pattern STRATEGY_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  public RoutingPolicy {
    Identifiers.requireName("queue", queue);
    strategy = strategy == null || strategy.isBlank() ? DEFAULT_STRATEGY : strategy;
    if (!STRATEGY_ID.matcher(strategy).matches()) {
      throw new ValidationException(
          "strategy", "must be lower-case letters, digits and dashes, got '" + strategy + "'");
    }
    ringTimeout = ringTimeout == null ? DEFAULT_RING_TIMEOUT : ringTimeout;
    if (ringTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || ringTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ValidationException("ringTimeout", "must be between 1 s and 10 min");
    }
    wrapUpTime = wrapUpTime == null ? DEFAULT_WRAP_UP : wrapUpTime;
    if (wrapUpTime.isNegative() || wrapUpTime.compareTo(Duration.ofHours(2)) > 0) {
      throw new ValidationException("wrapUpTime", "must be between 0 and 2 h");
    }
    stickyWindow = stickyWindow == null ? DEFAULT_STICKY_WINDOW : stickyWindow;
    if (stickyWindow.isNegative() || stickyWindow.compareTo(Duration.ofDays(365)) > 0) {
      throw new ValidationException("stickyWindow", "must be between 0 and 365 days");
    }
    steps = steps == null ? List.of() : new ArrayList<>(steps);
    if (steps.size() > MAX_STEPS) {
      throw new ValidationException("steps", "at most " + MAX_STEPS + " relaxation steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) == null) {
        throw new ValidationException("steps[" + i + "]", "must not be null");
      }
    }
    steps.sort(Comparator.comparing(RelaxationStep::after));
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).after().equals(steps.get(i - 1).after())) {
        throw new ValidationException(
            "steps", "two steps start at " + steps.get(i).after().toSeconds() + " s");
      }
    }
    steps = List.copyOf(steps);
  }

  /** The policy of a queue nobody configured: longest-idle, 20 s ring, 30 s wrap-up, no steps. */
  public static RoutingPolicy defaults(String queue) {
    return new RoutingPolicy(queue, null, null, null, null, List.of(), 0);
  }

  /** The step in force after waiting {@code waited}, or -1 before the first step starts. */
  public int stepAt(Duration waited) {
    int active = -1;
    for (int i = 0; i < steps.size() && steps.get(i).after().compareTo(waited) <= 0; i++) {
      active = i;
    }
    return active;
  }

  /** A copy with another version (used by the ACD when storing). */
  public RoutingPolicy withVersion(long newVersion) {
    return new RoutingPolicy(
        queue, strategy, ringTimeout, wrapUpTime, stickyWindow, steps, newVersion);
  }
}
