package org.switchboard.channel.sip.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run call control (core calls, database reads, SIP sends of every call), and how
 * far behind they are: {@link #backlog()} is how long the oldest task not yet started has waited,
 * shown as {@code callBacklogMs} in the channel's health. Near zero in normal service; growing, it
 * means every call's next step (offer, answer, BYE) comes that much later.
 */
final class CallPool extends ThreadPoolExecutor {

  CallPool(int threads) {
    super(
        Math.max(1, threads),
        Math.max(1, threads),
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "switchboard-sip-call");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void execute(Runnable task) {
    super.execute(new Queued(task, System.nanoTime()));
  }

  /** How long the oldest waiting task has waited; zero when none waits. */
  Duration backlog() {
    Runnable oldest = getQueue().peek();
    return oldest instanceof Queued q
        ? Duration.ofNanos(Math.max(0, System.nanoTime() - q.queuedAt))
        : Duration.ZERO;
  }

  private record Queued(Runnable task, long queuedAt) implements Runnable {
    @Override
    public void run() {
      task.run();
    }
  }
}
