package org.switchboard.media.impl;

/**
 * Finds DTMF key presses in 8 kHz audio (ITU-T Q.24 style): Goertzel filters on the 8 DTMF
 * frequencies over blocks of 102 samples (12.75 ms). A block holds a digit when the audio is loud
 * enough, one row and one column tone stand well above the others of their group, their levels are
 * within the allowed twist, and together they carry most of the block's energy, which keeps speech
 * and music from passing as digits. A digit is reported once, after two consecutive blocks (at
 * least 25 ms of tone, so every 40 ms press is caught), and again only after two blocks without it.
 * Not thread-safe: one detector per session, fed by the I/O thread.
 */
final class InbandDtmfDetector {
  static final double[] ROWS = {697, 770, 852, 941};
  static final double[] COLUMNS = {1209, 1336, 1477, 1633};
  private static final char[][] KEYS = {
    {'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}
  };
  private static final int BLOCK = 102;
  private static final double MIN_MEAN_SQUARE = 200.0 * 200.0;
  private static final double MIN_SHARE = 0.6;
  private static final double PEAK_OVER_GROUP = 6.3;
  private static final double NORMAL_TWIST = 6.3;
  private static final double REVERSE_TWIST = 2.5;

  private final Goertzel[] rows = filters(ROWS);
  private final Goertzel[] columns = filters(COLUMNS);
  private final short[] block = new short[BLOCK];
  private int filled;
  private char candidate;
  private char current;
  private int misses;

  /** Feeds samples; returns the digit pressed if one is recognised in them, or 0. */
  char feed(short[] pcm, int length) {
    char found = 0;
    for (int i = 0; i < length; i++) {
      block[filled++] = pcm[i];
      if (filled == BLOCK) {
        filled = 0;
        char digit = afterBlock(classify());
        found = digit != 0 ? digit : found;
      }
    }
    return found;
  }

  private char afterBlock(char digit) {
    char previous = candidate;
    candidate = digit;
    if (digit != 0 && digit == current) {
      misses = 0;
      return 0;
    }
    if (current != 0 && ++misses >= 2) {
      current = 0;
    }
    if (digit != 0 && digit == previous && current == 0) {
      current = digit;
      misses = 0;
      return digit;
    }
    return 0;
  }

  /** The digit this block holds, or 0. */
  private char classify() {
    double energy = Goertzel.energy(block, BLOCK);
    if (energy / BLOCK < MIN_MEAN_SQUARE) {
      return 0;
    }
    double[] row = shares(rows, energy);
    double[] column = shares(columns, energy);
    int r = strongest(row);
    int c = strongest(column);
    if (!stands(row, r) || !stands(column, c) || row[r] + column[c] < MIN_SHARE) {
      return 0;
    }
    boolean twistOk = column[c] * NORMAL_TWIST >= row[r] && row[r] * REVERSE_TWIST >= column[c];
    return twistOk ? KEYS[r][c] : 0;
  }

  private double[] shares(Goertzel[] group, double energy) {
    double[] shares = new double[group.length];
    for (int i = 0; i < group.length; i++) {
      shares[i] = group[i].share(block, BLOCK, energy);
    }
    return shares;
  }

  private static int strongest(double[] shares) {
    int best = 0;
    for (int i = 1; i < shares.length; i++) {
      best = shares[i] > shares[best] ? i : best;
    }
    return best;
  }

  /** Whether the strongest tone of a group stands well above each other tone of the group. */
  private static boolean stands(double[] shares, int best) {
    for (int i = 0; i < shares.length; i++) {
      if (i != best && shares[i] * PEAK_OVER_GROUP > shares[best]) {
        return false;
      }
    }
    return true;
  }

  private static Goertzel[] filters(double[] frequencies) {
    Goertzel[] filters = new Goertzel[frequencies.length];
    for (int i = 0; i < frequencies.length; i++) {
      filters[i] = new Goertzel(frequencies[i]);
    }
    return filters;
  }
}
