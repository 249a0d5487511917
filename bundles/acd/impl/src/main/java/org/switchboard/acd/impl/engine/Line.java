package org.switchboard.acd.impl.engine;

import java.time.Instant;
import java.util.Comparator;

/** A waiting contact in its place in line, with the engine's bookkeeping. */
final class Line {
  /**
   * The documented arbitration order, across all queues: higher effective priority first, then the
   * longer wait (earlier queuedAt), then the higher service-level risk (shorter threshold), then
   * arrival order.
   */
  static final Comparator<Line> ORDER =
      Comparator.comparingInt((Line l) -> -l.contact.priority())
          .thenComparing(l -> l.contact.queuedAt())
          .thenComparingLong(l -> l.thresholdMillis)
          .thenComparingLong(l -> l.seq);

  final WaitingContact contact;
  final long seq;
  final long thresholdMillis;
  boolean overflowReported;
  String blockedBy;

  Line(WaitingContact contact, long seq, long thresholdMillis) {
    this.contact = contact;
    this.seq = seq;
    this.thresholdMillis = thresholdMillis;
  }

  String id() {
    return contact.interactionId();
  }

  /** A timer of the engine: a relaxation step starts or the maximum wait runs out. */
  record Deadline(Instant at, Line line, boolean overflow, long seq)
      implements Comparable<Deadline> {
    @Override
    public int compareTo(Deadline o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
