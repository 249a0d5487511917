package org.switchboard.integration.erp;

import java.util.concurrent.atomic.AtomicLong;

/** What one delivery has done since it started; shown by {@code switchboard:delivery-list}. */
final class DeliveryStats {
  final AtomicLong received = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong replayed = new AtomicLong();
  volatile String lastFailure = "";
}
