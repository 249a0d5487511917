package org.switchboard.flow.impl.store;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: scans the flow directory every few seconds. A bounded periodic scan (modification
 * time and size first, then a content hash) is used rather than a {@link
 * java.nio.file.WatchService} because it also works on network and container file systems, survives
 * the directory being replaced, and cannot lose events to an overflow; its cost is a directory
 * listing per period.
 */
public final class FlowDirectoryWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(FlowDirectoryWatcher.class);
  private final ScheduledFuture<?> task;

  /**
   * Starts scanning.
   *
   * @param repository the flows to scan
   * @param scheduler the shared scheduler
   * @param periodSeconds seconds between scans
   */
  public FlowDirectoryWatcher(
      FlowRepository repository, ScheduledExecutorService scheduler, int periodSeconds) {
    this.task =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                repository.scan();
              } catch (RuntimeException e) {
                LOG.error(
                    "Scanning {} failed; will try again in {} s", repository, periodSeconds, e);
              }
            },
            periodSeconds,
            periodSeconds,
            TimeUnit.SECONDS);
  }

  /** Stops scanning. */
  public void stop() {
    task.cancel(false);
  }
}
