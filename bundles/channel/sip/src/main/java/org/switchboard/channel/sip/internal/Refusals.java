package org.switchboard.channel.sip.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * New calls refused for one reason (the media engine full, routing late): counted for the health,
 * logged at most once a second, because such refusals come by the hundred.
 */
final class Refusals {
  private final Logger log;
  private final LongSupplier millis;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(Long.MIN_VALUE / 2);

  /**
   * @param millis the time now in milliseconds (a clock's {@code millis})
   */
  Refusals(Logger log, LongSupplier millis) {
    this.log = log;
    this.millis = millis;
  }

  /** One more call refused because of {@code why}. */
  void refused(String why) {
    long refused = count.incrementAndGet();
    long now = millis.getAsLong();
    long last = lastLog.get();
    if (now - last >= 1000 && lastLog.compareAndSet(last, now)) {
      log.warn("New calls get 503: {} ({} refused so far)", why, refused);
    }
  }

  /** Calls refused so far. */
  long count() {
    return count.get();
  }
}
