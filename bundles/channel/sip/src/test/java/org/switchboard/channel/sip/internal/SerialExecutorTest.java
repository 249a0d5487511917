package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  @Test
  void tasksOfOneCallRunOneAtATimeInOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      SerialExecutor call = new SerialExecutor(pool);
      List<Integer> seen = new CopyOnWriteArrayList<>();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(2000);
      for (int i = 0; i < 2000; i++) {
        int n = i;
        call.execute(
            () -> {
              if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              seen.add(n);
              running.decrementAndGet();
              done.countDown();
            });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(overlaps).hasValue(0);
      assertThat(seen).hasSize(2000).isSorted();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheNext() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      SerialExecutor call = new SerialExecutor(pool);
      CountDownLatch after = new CountDownLatch(1);
      call.execute(
          () -> {
            throw new IllegalStateException("boom");
          });
      call.execute(after::countDown);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
