package org.switchboard.media.impl;

/**
 * The Goertzel algorithm: the energy of one frequency in a block of 8 kHz samples, as a fraction of
 * the block's total energy (1.0 for a pure sine at that frequency). Immutable.
 */
final class Goertzel {
  static final double SAMPLE_RATE = 8000;

  private final double coefficient;

  Goertzel(double frequency) {
    this.coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
  }

  /** The block's energy at this frequency divided by its total energy (0 for silence). */
  double share(short[] block, int length, double totalEnergy) {
    if (totalEnergy <= 0) {
      return 0;
    }
    return 2 * power(block, length) / (length * totalEnergy);
  }

  /** |X(f)|² over the block. */
  double power(short[] block, int length) {
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < length; i++) {
      double s0 = block[i] + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  }

  /** The sum of the squared samples. */
  static double energy(short[] block, int length) {
    double sum = 0;
    for (int i = 0; i < length; i++) {
      sum += (double) block[i] * block[i];
    }
    return sum;
  }
}
