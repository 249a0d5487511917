package org.switchboard.media.impl;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media clock: one thread that ticks every ptime (20 ms) to send prompts and write recordings,
 * and runs the listener calls that must happen on a media thread. A failing tick or task is logged
 * and the clock goes on.
 */
final class MediaClock {
  private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);

  private final ScheduledExecutorService executor;

  MediaClock(int periodMillis, Runnable tick) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-media-clock");
              t.setDaemon(true);
              t.setPriority(Thread.MAX_PRIORITY);
              return t;
            });
    executor.scheduleAtFixedRate(guarded(tick), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the clock thread soon (dropped when the clock has stopped). */
  void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("media clock stopped; task dropped");
    }
  }

  boolean alive() {
    return !executor.isShutdown();
  }

  /** Stops ticking and waits (bounded) for a running tick to finish. */
  void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("media clock task failed: {}", e.toString(), e);
      }
    };
  }
}
