package org.switchboard.media.impl;

/**
 * One leg's audio on its way into a recording: a small jitter buffer of decoded samples, filled by
 * arrival on the I/O thread and drained a frame per media-clock tick. Playout starts once two
 * frames are buffered, so packets that arrive in bursts are kept, not lost; only a backlog of more
 * than two seconds drops its oldest samples. Thread-safe.
 */
final class RecordingTap {
  private static final int CAPACITY = 16_000;

  private final short[] ring = new short[CAPACITY];
  private int head;
  private int size;
  private boolean primed;
  private long dropped;

  /** Adds what the far end sent. */
  synchronized void offer(short[] pcm, int n) {
    int from = 0;
    if (n > CAPACITY) {
      from = n - CAPACITY;
      dropped += from;
      n = CAPACITY;
    }
    int overflow = size + n - CAPACITY;
    if (overflow > 0) {
      head = (head + overflow) % CAPACITY;
      size -= overflow;
      dropped += overflow;
    }
    int tail = (head + size) % CAPACITY;
    int first = Math.min(n, CAPACITY - tail);
    System.arraycopy(pcm, from, ring, tail, first);
    System.arraycopy(pcm, from + first, ring, 0, n - first);
    size += n;
  }

  /** Fills {@code n} samples of {@code out}: buffered audio, silence where there is none. */
  synchronized void take(short[] out, int n) {
    primed = primed || size >= 2 * n;
    int count = primed ? Math.min(n, size) : 0;
    int first = Math.min(count, CAPACITY - head);
    System.arraycopy(ring, head, out, 0, first);
    System.arraycopy(ring, 0, out, first, count - first);
    java.util.Arrays.fill(out, count, n, (short) 0);
    head = (head + count) % CAPACITY;
    size -= count;
    primed = primed && count == n;
  }

  /** Forgets what is buffered (a pause). */
  synchronized void clear() {
    head = 0;
    size = 0;
    primed = false;
  }

  synchronized long dropped() {
    return dropped;
  }
}
