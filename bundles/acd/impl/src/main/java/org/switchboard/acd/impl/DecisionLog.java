package org.switchboard.acd.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.acd.api.Decision;

/**
 * Stores decisions off the router thread, in batches. When the database falls behind, {@link #add}
 * blocks the router (back-pressure) rather than dropping explanations.
 */
final class DecisionLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  private static final int BATCH = 500;
  private final AcdStore store;
  private final BlockingQueue<Decision> pending = new ArrayBlockingQueue<>(50_000);
  private final Thread writer;
  private final Object flushed = new Object();
  private volatile boolean running = true;
  private volatile long written;
  private long added;

  DecisionLog(AcdStore store) {
    this.store = store;
    writer = new Thread(this::run, "switchboard-acd-decisions");
    writer.setDaemon(true);
    writer.start();
  }

  void add(Decision d) {
    try {
      pending.put(d);
      synchronized (flushed) {
        added++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (bounded) until everything added so far is stored. */
  void flush() {
    long target;
    synchronized (flushed) {
      target = added;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (flushed) {
      while (written < target && System.nanoTime() < deadline) {
        try {
          flushed.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void run() {
    List<Decision> batch = new ArrayList<>(BATCH);
    while (running || !pending.isEmpty()) {
      try {
        Decision first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, BATCH - 1);
        storeWithRetry(batch);
        synchronized (flushed) {
          written += batch.size();
          flushed.notifyAll();
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void storeWithRetry(List<Decision> batch) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        store.insert(batch);
        return;
      } catch (RuntimeException e) {
        if (!running || attempt >= 5) {
          LOG.error("Could not store {} routing decisions: {}", batch.size(), e.getMessage());
          return;
        }
        LOG.warn("Storing routing decisions failed (attempt {}): {}", attempt, e.getMessage());
        Thread.sleep(200L * attempt);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    writer.join(TimeUnit.SECONDS.toMillis(10));
  }
}
