package org.switchboard.acd.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingLagTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RoutingLag lag = new RoutingLag(now::get);

  private Instant ago(long millis) {
    return Instant.ofEpochMilli(now.get() - millis);
  }

  @Test
  void zeroBeforeAnyChange() {
    assertEquals(Duration.ZERO, lag.current());
  }

  @Test
  void aChangeTakenUpLateIsTheLag() {
    Instant change = ago(2500);
    lag.received(change);
    lag.handled(change);
    assertEquals(Duration.ofMillis(2500), lag.current());
  }

  @Test
  void aLagIsOverOnceNothingWaitsForASecond() {
    Instant change = ago(2500);
    lag.received(change);
    lag.handled(change);
    now.addAndGet(1001);
    assertEquals(Duration.ZERO, lag.current());
  }

  @Test
  void changesWaitingOnARouterThatTakesNoneUpMakeTheLagGrow() {
    Instant first = ago(10);
    lag.received(first);
    lag.handled(first);
    lag.received(ago(0)); // never taken up
    now.addAndGet(4000);
    assertEquals(Duration.ofMillis(4000), lag.current());
  }

  @Test
  void anIdleRouterHasNoLagWhenANewChangeArrives() {
    Instant first = ago(10);
    lag.received(first);
    lag.handled(first);
    now.addAndGet(30_000); // nothing happens for half a minute
    lag.received(ago(0));
    assertEquals(Duration.ZERO, lag.current());
  }

  @Test
  void theOldestWaitingChangeCountsUntilItIsTakenUp() {
    Instant older = ago(3000);
    Instant newer = ago(100);
    lag.received(older);
    lag.received(newer);
    assertEquals(Duration.ofMillis(3000), lag.current());
    lag.handled(older);
    now.addAndGet(2000); // the newer one still waits, now 2.1 s old
    assertEquals(Duration.ofMillis(2100), lag.current());
  }

  @Test
  void aChangeTheStoppingRouterDroppedNoLongerWaits() {
    lag.received(ago(0));
    lag.dropped();
    now.addAndGet(5000);
    assertEquals(Duration.ZERO, lag.current());
  }

  @Test
  void anEventStampedInTheFutureCountsAsNoLag() {
    Instant future = Instant.ofEpochMilli(now.get() + 500);
    lag.received(future);
    lag.handled(future);
    assertEquals(Duration.ZERO, lag.current());
  }
}
