package org.switchboard.flow.impl.runtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Timers} on a shared scheduled executor. */
public final class ScheduledTimers implements Timers {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledTimers.class);
  private final ScheduledExecutorService scheduler;

  /**
   * Creates timers on an executor.
   *
   * @param scheduler the shared scheduler; its owner shuts it down
   */
  public ScheduledTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    try {
      var future = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      LOG.debug("Flow engine is stopping; timer not scheduled", e);
      return () -> {};
    }
  }
}
