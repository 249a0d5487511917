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
 * Publishes the event log: one thread reads events after the stored cursor, publishes them to the
 * broker in order, advances the cursor, then hands them to in-process listeners. Woken after every
 * commit, and polls every second in case a wake-up was missed. When the broker fails it retries the
 * same events with backoff, so nothing is skipped; delivery is at least once.
 */
@Component(service = EventRelay.class)
public class EventRelay {
  static final String CURSOR = "broker";
  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
  private static final int BATCH = 200;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

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
    while (running) {
      try {
        if (relayBatch()) {
          continue;
        }
        awaitWork(Duration.ofSeconds(1));
        backoff = Duration.ofMillis(100);
      } catch (RuntimeException e) {
        lastError = e.getMessage();
        lastErrorAt = Instant.now();
        LOG.warn(
            "event relay: publishing failed, retrying in {} ms: {}",
            backoff.toMillis(),
            e.getMessage());
        awaitWork(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Publishes one batch; returns whether there was anything to publish. */
  private boolean relayBatch() {
    long cursor = store.read(c -> EventLog.cursor(c, CURSOR));
    publishedSeq = cursor;
    List<SwitchboardEvent> events = store.read(c -> EventLog.after(c, cursor, BATCH));
    if (events.isEmpty()) {
      return false;
    }
    publisher.publishAll(EventTypes.ADDRESS, events.stream().map(CloudEvents::message).toList());
    long last = events.get(events.size() - 1).sequence();
    store.write(
        c -> {
          EventLog.advance(c, CURSOR, last);
          return null;
        });
    publishedSeq = last;
    lastError = null;
    events.forEach(this::deliver);
    return true;
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
