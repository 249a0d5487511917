package org.switchboard.crm.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops asking a CRM that keeps failing: after {@code failuresToOpen} failures in a row it stays
 * open for {@code openFor}; then one call is let through, and its outcome closes or reopens it. So
 * a CRM that is down costs each new interaction nothing instead of a timeout. For {@link
 * CrmConnector} implementations: ask {@link #allows} before each remote call and report its
 * outcome. Thread-safe.
 *
 * @since 1.1
 */
public final class CircuitBreaker {
  private final int failuresToOpen;
  private final Duration openFor;
  private final Clock clock;
  private int failures;
  private Instant openUntil = Instant.MIN;

  public CircuitBreaker(int failuresToOpen, Duration openFor, Clock clock) {
    this.failuresToOpen = Math.max(1, failuresToOpen);
    this.openFor = openFor;
    this.clock = clock;
  }

  /** Whether a call may go out now; when half-open, only the first caller gets true. */
  public synchronized boolean allows() {
    Instant now = clock.instant();
    if (now.isBefore(openUntil)) {
      return false;
    }
    if (failures >= failuresToOpen) {
      openUntil = now.plus(openFor); // half-open: this caller tries, the others wait it out
    }
    return true;
  }

  /** The call succeeded: the circuit closes. */
  public synchronized void succeeded() {
    failures = 0;
    openUntil = Instant.MIN;
  }

  /** The call failed; enough failures in a row open the circuit. */
  public synchronized void failed() {
    failures++;
    if (failures >= failuresToOpen) {
      openUntil = clock.instant().plus(openFor);
    }
  }

  /** Until when calls are refused; {@link Instant#MIN} when closed. */
  public synchronized Instant openUntil() {
    return openUntil;
  }
}
