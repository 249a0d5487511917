package org.switchboard.media.impl;

/**
 * Counts packets the far end sent that never arrived, from the gaps in their sequence numbers (RFC
 * 3550 A.3: expected minus received, per source, summed over sources). Fed by the I/O thread, read
 * by anyone (synchronized).
 */
final class LossCounter {
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;

  private long ssrc = -1;
  private long base;
  private long highest;
  private long received;
  private long lostBefore;

  /** Counts a packet of {@code source} with sequence number {@code sequence}. */
  synchronized void packet(long source, int sequence) {
    if (source != ssrc) {
      restart(source, sequence);
      return;
    }
    int delta = (sequence - (int) (highest & 0xffff)) & 0xffff;
    if (delta < MAX_DROPOUT) {
      highest += delta;
    } else if (delta <= 0x10000 - MAX_MISORDER) {
      restart(source, sequence);
      return;
    }
    received++;
  }

  /** Packets lost so far. */
  synchronized long lost() {
    return lostBefore + lostNow();
  }

  private long lostNow() {
    return ssrc < 0 ? 0 : Math.max(0, highest - base + 1 - received);
  }

  private void restart(long source, int sequence) {
    lostBefore += lostNow();
    ssrc = source;
    base = sequence;
    highest = sequence;
    received = 1;
  }
}
