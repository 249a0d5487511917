package org.switchboard.acd.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * How far the router is behind the core: the time from a change (an event's time) to the router
 * taking it up. Near zero in normal service whatever the queues hold; growing, it means the machine
 * cannot route as fast as contacts arrive. While changes wait for the router, the lag is at least
 * the age of the oldest of them, so a stuck router shows; an idle router has none.
 *
 * <p>The router takes changes up in the order they were handed to it. {@link #received} runs on the
 * event thread, {@link #handled} on the router thread, {@link #current} on any.
 */
final class RoutingLag {
  /** A lag measured longer ago than this, with nothing waiting since, is over. */
  private static final long STALE_MILLIS = 1000;

  private final LongSupplier millis;

  /** When the changes handed to the router and not yet taken up happened, oldest first. */
  private final Queue<Long> waiting = new ConcurrentLinkedQueue<>();

  private volatile long lagMillis;
  private volatile long handledAtMillis;

  /**
   * @param millis the time now in milliseconds of the epoch (a clock's {@code millis})
   */
  RoutingLag(LongSupplier millis) {
    this.millis = millis;
    this.handledAtMillis = millis.getAsLong();
  }

  /** A change that happened at {@code occurredAt} was handed to the router. */
  void received(Instant occurredAt) {
    waiting.add(occurredAt.toEpochMilli());
  }

  /** The router takes up the oldest change handed to it, which happened at {@code occurredAt}. */
  void handled(Instant occurredAt) {
    long now = millis.getAsLong();
    waiting.poll();
    lagMillis = Math.max(0, now - occurredAt.toEpochMilli());
    handledAtMillis = now;
  }

  /** A change handed over that the router will never take up (it is stopping). */
  void dropped() {
    waiting.poll();
  }

  Duration current() {
    long now = millis.getAsLong();
    Long oldest = waiting.peek();
    long oldestWaiting = oldest == null ? 0 : Math.max(0, now - oldest);
    long recent = now - handledAtMillis <= STALE_MILLIS ? lagMillis : 0;
    return Duration.ofMillis(Math.max(oldestWaiting, recent));
  }
}
