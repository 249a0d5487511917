package org.switchboard.itest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.QueueRequest;

/**
 * Keeps opening and queueing chats, one contact at a time, the way a channel plugin does: while the
 * core is away (being updated) it retries the same contact with the same channel reference, so a
 * contact is never dropped and, thanks to idempotent open, never doubled. Bounded: gives up after
 * two minutes without progress.
 */
final class TrafficClient implements Runnable {
  private static final Duration STALL_LIMIT = Duration.ofMinutes(2);
  private final ServiceTracker<InteractionService, InteractionService> tracker;
  private final String queue;
  private final String refPrefix;
  private final AtomicInteger completed = new AtomicInteger();
  private volatile boolean stopped;
  private volatile String failure;

  private final Duration pace;

  TrafficClient(BundleContext context, String queue, String refPrefix) {
    this(context, queue, refPrefix, Duration.ZERO);
  }

  /**
   * @param pace pause between two contacts (a steady arrival rate)
   */
  TrafficClient(BundleContext context, String queue, String refPrefix, Duration pace) {
    this.pace = pace;
    this.tracker = new ServiceTracker<>(context, InteractionService.class, null);
    this.queue = queue;
    this.refPrefix = refPrefix;
  }

  @Override
  public void run() {
    tracker.open();
    try {
      while (!stopped) {
        if (!deliver(refPrefix + completed.get())) {
          return;
        }
        completed.incrementAndGet();
        if (!pace.isZero()) {
          LockSupport.parkNanos(pace.toNanos());
        }
      }
    } finally {
      tracker.close();
    }
  }

  private boolean deliver(String channelRef) {
    Instant giveUp = Instant.now().plus(STALL_LIMIT);
    RuntimeException last = null;
    while (Instant.now().isBefore(giveUp)) {
      try {
        InteractionService s = tracker.waitForService(5000);
        if (s != null) {
          Interaction i = s.open(CoreIT.chat(channelRef));
          if (i.state() == InteractionState.NEW) {
            s.enqueue(i.id(), QueueRequest.to(queue));
          }
          return true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted";
        return false;
      } catch (RuntimeException e) {
        last = e; // the core is being swapped: retry the same contact
      }
      pause();
    }
    failure = "no progress for " + STALL_LIMIT + " on " + channelRef + ": " + last;
    return false;
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int completed() {
    return completed.get();
  }

  String failure() {
    return failure;
  }

  void stop() {
    stopped = true;
  }
}
