package org.switchboard.core.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.platform.broker.MessagePublisher;

/**
 * Publishes the event log: one thread hands new events to the in-process listeners (the ACD, the
 * channels) in order, then publishes what the broker has not had yet and advances the stored
 * cursor. Woken after every commit, and polls every second in case a wake-up was missed. When the
 * broker fails it retries the same events with backoff, so nothing is skipped and delivery is at
 * least once; meanwhile the in-process listeners keep getting new events, so routing does not wait
 * for the broker. The broker's cursor is stored at most once a second (and when the relay stops),
 * not after every batch: after a crash the broker and the listeners get up to a second of events
 * again (ids unchanged), within the at-least-once promise. After a restart the listeners get what
 * came after the stored cursor (they reconcile with the core when they start).
 */
@Component(service = EventRelay.class)
public class EventRelay {
  static final String CURSOR = "broker";
  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
  private static final int BATCH = 200;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Duration CURSOR_INTERVAL = Duration.ofSeconds(1);

  private final CoreStore store;
  private final MessagePublisher publisher;
  private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
  private final Semaphore wake = new Semaphore(0);
  private final Runnable wakeUp = wake::release;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long publishedSeq;

  /** The last event handed to the in-process listeners; -1 until the first round. */
  private long deliveredSeq = -1;

  /** The broker's cursor as stored in the database; -1 until read in the first round. */
  private long storedCursor = -1;

  private long cursorStoredAt;

  @Activate
  public EventRelay(@Reference CoreStore store, @Reference MessagePublisher publisher) {
    this.store = store;
    this.publisher = publisher;
    store.onCommit(wakeUp);
    thread = new Thread(this::run, "switchboard-event-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @Deactivate
  void stop() throws InterruptedException {
    running = false;
    store.removeCommitListener(wakeUp);
    wake.release();
    thread.join(TimeUnit.SECONDS.toMillis(10));
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addListener(EventListener listener) {
    listeners.add(listener);
  }

  void removeListener(EventListener listener) {
    listeners.remove(listener);
  }

  /** The last event sequence published to the broker. */
  long publishedSeq() {
    return publishedSeq;
  }

  /** The last publishing error, or null when the last attempt succeeded. */
  String lastError() {
    return lastError;
  }

  Instant lastErrorAt() {
    return lastErrorAt;
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    long retryAt = System.nanoTime();
    while (running) {
      boolean publish = System.nanoTime() - retryAt >= 0;
      try {
        boolean more = relayBatch(publish);
        if (publish) {
          backoff = Duration.ofMillis(100);
        }
        storeCursor(false);
        if (!more) {
          awaitWork(untilNextRound(retryAt));
        }
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        lastErrorAt = Instant.now();
        LOG.warn(
            "event relay: publishing failed, retrying in {} ms: {}",
            backoff.toMillis(),
            e.getMessage());
        retryAt = System.nanoTime() + backoff.toNanos();
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
    try {
      storeCursor(true);
    } catch (RuntimeException e) {
      LOG.warn("event relay: the broker's cursor was not stored at stop: {}", e.getMessage());
    }
  }

  /**
   * A second, or less when a publishing retry or storing the cursor is due sooner.
   *
   * @param retryAt when publishing is retried ({@link System#nanoTime()})
   */
  private Duration untilNextRound(long retryAt) {
    long next = TimeUnit.SECONDS.toNanos(1);
    long untilRetry = retryAt - System.nanoTime();
    if (untilRetry > 0) {
      next = Math.min(next, untilRetry);
    }
    if (publishedSeq > storedCursor) {
      long untilStore = cursorStoredAt + CURSOR_INTERVAL.toNanos() - System.nanoTime();
      next = Math.max(1, Math.min(next, untilStore));
    }
    return Duration.ofNanos(next);
  }

  /**
   * Stores the broker's cursor when it moved and a second has passed since it was last stored
   * ({@code now}: whenever it moved). One write a second instead of one per batch: under load that
   * was as many writes as the interactions' own.
   */
  private void storeCursor(boolean now) {
    long seq = publishedSeq;
    if (storedCursor < 0
        || seq <= storedCursor
        || (!now && System.nanoTime() - cursorStoredAt < CURSOR_INTERVAL.toNanos())) {
      return;
    }
    store.write(
        c -> {
          EventLog.advance(c, CURSOR, seq);
          return null;
        });
    storedCursor = seq;
    cursorStoredAt = System.nanoTime();
  }

  /**
   * One round: events after the last delivered one go to the in-process listeners; then, when
   * {@code publish}, events after the broker's cursor go to the broker and the cursor advances (in
   * memory; see {@link #storeCursor}). In the usual case both start at the same event and one read
   * serves both.
   *
   * @return whether there may be more to do at once
   */
  private boolean relayBatch(boolean publish) {
    if (storedCursor < 0) {
      storedCursor = store.read(c -> EventLog.cursor(c, CURSOR));
      cursorStoredAt = System.nanoTime();
      publishedSeq = storedCursor;
      deliveredSeq = storedCursor;
    }
    long cursor = publishedSeq;
    long local = deliveredSeq;
    long from = publish ? Math.min(cursor, local) : local;
    List<SwitchboardEvent> events = store.read(c -> EventLog.after(c, from, BATCH));
    if (events.isEmpty()) {
      return false;
    }
    awaitSnapshots();
    boolean delivered = false;
    for (SwitchboardEvent event : events) {
      if (event.sequence() > local) {
        deliver(event);
        deliveredSeq = event.sequence();
        delivered = true;
      }
    }
    if (!publish) {
      return delivered;
    }
    List<SwitchboardEvent> pending = events.stream().filter(e -> e.sequence() > cursor).toList();
    if (pending.isEmpty()) {
      return delivered;
    }
    publisher.publishAll(EventTypes.ADDRESS, pending.stream().map(CloudEvents::message).toList());
    publishedSeq = pending.get(pending.size() - 1).sequence();
    lastError = null;
    return true;
  }

  /** Lets the writes of the events just read finish, so listeners read what the events say. */
  private void awaitSnapshots() {
    try {
      if (!store.awaitWritesBegun(Duration.ofSeconds(5))) {
        LOG.warn("event relay: a write has not finished for 5 s; delivering its events anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void deliver(SwitchboardEvent event) {
    for (EventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.error(
            "event listener {} failed on event {} ({})",
            listener.getClass().getName(),
            event.sequence(),
            event.type(),
            e);
      }
    }
  }

  private void awaitWork(Duration timeout) {
    try {
      if (wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
