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
    lag.received();
    lag.handled(ago(2500));
    assertEquals(Duration.ofMillis(2500), lag.current());
  }

  @Test
  void aLagIsOverOnceNothingWaitsForASecond() {
    lag.received();
    lag.handled(ago(2500));
    now.addAndGet(1001);
    assertEquals(Duration.ZERO, lag.current());
  }

  @Test
  void changesWaitingOnARouterThatTakesNoneUpMakeTheLagGrow() {
    lag.received();
    lag.handled(ago(10));
    lag.received(); // never taken up
    now.addAndGet(4000);
    assertEquals(Duration.ofMillis(4000), lag.current());
  }

  @Test
  void anEventStampedInTheFutureCountsAsNoLag() {
    lag.received();
    lag.handled(Instant.ofEpochMilli(now.get() + 500));
    assertEquals(Duration.ZERO, lag.current());
  }
}
