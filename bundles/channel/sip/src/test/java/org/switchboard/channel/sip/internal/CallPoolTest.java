package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallPoolTest {

  @Test
  void theBacklogIsHowLongTheOldestWaitingTaskHasWaitedAndZeroOnceCaughtUp() throws Exception {
    CallPool pool = new CallPool(1);
    try {
      assertThat(pool.backlog()).isZero();
      CountDownLatch busy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      pool.execute(
          () -> {
            busy.countDown();
            await(release);
          });
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.backlog()).as("nothing waits while the one thread is busy").isZero();

      AtomicInteger ran = new AtomicInteger();
      long queuedAt = System.nanoTime();
      pool.execute(ran::incrementAndGet);
      pool.submit(ran::incrementAndGet);
      Duration first = pool.backlog();
      long bound = System.nanoTime() - queuedAt;
      assertThat(first.toNanos()).isBetween(0L, bound);
      Duration later = awaitBacklogAbove(pool, first);
      assertThat(later).isGreaterThan(first);

      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran.get()).as("every task ran, each once").isEqualTo(2);
      assertThat(pool.backlog()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Duration awaitBacklogAbove(CallPool pool, Duration floor) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Duration now = pool.backlog();
    while (now.compareTo(floor) <= 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      now = pool.backlog();
    }
    return now;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
