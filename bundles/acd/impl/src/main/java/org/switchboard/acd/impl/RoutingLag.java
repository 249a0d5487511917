package org.switchboard.acd.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How far the router is behind the core: the time from a change (an event's time) to the router
 * taking it up. Near zero in normal service whatever the queues hold; growing, it means the machine
 * cannot route as fast as contacts arrive. While changes wait for the router and it takes none up,
 * the lag grows with the time since it last did (a stuck router shows).
 *
 * <p>{@link #received} runs on the event thread, {@link #handled} on the router thread, {@link
 * #current} on any.
 */
final class RoutingLag {
  /** A lag measured longer ago than this, with nothing waiting since, is over. */
  private static final long STALE_MILLIS = 1000;

  private final LongSupplier millis;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile long lagMillis;
  private volatile long handledAtMillis;

  /**
   * @param millis the time now in milliseconds of the epoch (a clock's {@code millis})
   */
  RoutingLag(LongSupplier millis) {
    this.millis = millis;
    this.handledAtMillis = millis.getAsLong();
  }

  /** A change was handed to the router. */
  void received() {
    waiting.incrementAndGet();
  }

  /** The router takes up a change that happened at {@code occurredAt}. */
  void handled(Instant occurredAt) {
    long now = millis.getAsLong();
    waiting.updateAndGet(n -> Math.max(0, n - 1));
    lagMillis = Math.max(0, now - occurredAt.toEpochMilli());
    handledAtMillis = now;
  }

  Duration current() {
    long now = millis.getAsLong();
    long sinceHandled = Math.max(0, now - handledAtMillis);
    if (waiting.get() > 0) {
      return Duration.ofMillis(Math.max(lagMillis, sinceHandled));
    }
    return Duration.ofMillis(sinceHandled <= STALE_MILLIS ? lagMillis : 0);
  }
}
