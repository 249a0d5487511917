package org.switchboard.flow.impl.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.switchboard.flow.impl.runtime.Timers;

/** Timers on a manual clock: nothing fires until the test calls {@link #advance}. */
public final class ManualTimers implements Timers {
  private final class Task implements Cancellable {
    final Instant due;
    final Runnable action;
    boolean cancelled;

    Task(Instant due, Runnable action) {
      this.due = due;
      this.action = action;
    }

    @Override
    public void cancel() {
      synchronized (ManualTimers.this) {
        cancelled = true;
      }
    }
  }

  private final List<Task> tasks = new ArrayList<>();
  private Instant now;

  public ManualTimers(Instant start) {
    this.now = start;
  }

  public ManualTimers() {
    this(Instant.parse("2025-06-02T10:00:00Z"));
  }

  /** A clock that reads this manual time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        synchronized (ManualTimers.this) {
          return now;
        }
      }
    };
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now.plus(delay), task);
    tasks.add(t);
    return t;
  }

  /** Pending, not cancelled timers. */
  public synchronized int pending() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  /** Moves time on, running every task that falls due, in order. */
  public void advance(Duration step) {
    Instant until;
    synchronized (this) {
      until = now.plus(step);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.cancelled && !t.due.isAfter(until))
                .min(Comparator.comparing(t -> t.due))
                .orElse(null);
        if (next == null) {
          now = until;
          return;
        }
        tasks.remove(next);
        now = next.due;
      }
      next.action.run();
    }
  }

  public void advanceSeconds(long seconds) {
    advance(Duration.ofSeconds(seconds));
  }
}
