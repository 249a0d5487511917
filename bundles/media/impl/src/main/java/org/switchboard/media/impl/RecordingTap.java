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
    for (int i = 0; i < n; i++) {
      if (size == CAPACITY) {
        head = (head + 1) % CAPACITY;
        size--;
        dropped++;
      }
      ring[(head + size) % CAPACITY] = pcm[i];
      size++;
    }
  }

  /** Fills {@code n} samples of {@code out}: buffered audio, silence where there is none. */
  synchronized void take(short[] out, int n) {
    primed = primed || size >= 2 * n;
    int count = primed ? Math.min(n, size) : 0;
    for (int i = 0; i < count; i++) {
      out[i] = ring[(head + i) % CAPACITY];
    }
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
