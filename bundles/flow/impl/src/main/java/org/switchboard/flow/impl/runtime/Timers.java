package org.switchboard.flow.impl.runtime;

import java.time.Duration;

/**
 * Schedules timeouts (menu and digit timeouts, data dip timeouts). The engine uses a shared {@link
 * java.util.concurrent.ScheduledExecutorService}; tests use a manual clock. Tasks must be short:
 * they only queue an event on their run.
 */
public interface Timers {

  /** A scheduled task that can still be called off. */
  interface Cancellable {
    /** Calls the task off; harmless once it ran. */
    void cancel();
  }

  /**
   * Runs a task once after a delay.
   *
   * @param delay how long to wait
   * @param task what to run then
   * @return a handle to call it off
   */
  Cancellable schedule(Duration delay, Runnable task);
}
