package org.switchboard.media.impl;

import java.util.Arrays;

/** Test audio: tones made here and the strength of a frequency in received audio (a plain DFT). */
final class Tones {
  private Tones() {}

  static short[] sine(double frequency, int millis, double amplitude) {
    return dual(frequency, 0, millis, amplitude);
  }

  /** Two sines at once (DTMF), or one when {@code second} is 0. */
  static short[] dual(double first, double second, int millis, double amplitude) {
    short[] pcm = new short[millis * 8];
    for (int i = 0; i < pcm.length; i++) {
      double t = i / 8000.0;
      double v =
          Math.sin(2 * Math.PI * first * t) + (second > 0 ? Math.sin(2 * Math.PI * second * t) : 0);
      pcm[i] = (short) Math.round(amplitude * v);
    }
    return pcm;
  }

  static short[] concat(short[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    short[] all = new short[length];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** The power of {@code frequency} in the samples (DFT at that frequency). */
  static double power(short[] pcm, int from, int to, double frequency) {
    double re = 0;
    double im = 0;
    for (int i = from; i < to; i++) {
      double phase = 2 * Math.PI * frequency * i / 8000.0;
      re += pcm[i] * Math.cos(phase);
      im += pcm[i] * Math.sin(phase);
    }
    return re * re + im * im;
  }

  /** Which of the candidates is strongest in the samples. */
  static double strongest(short[] pcm, double... candidates) {
    double best = candidates[0];
    for (double f : candidates) {
      best = power(pcm, 0, pcm.length, f) > power(pcm, 0, pcm.length, best) ? f : best;
    }
    return best;
  }

  /** How many times stronger {@code frequency} is than the strongest of {@code others}. */
  static double dominance(short[] pcm, int from, int to, double frequency, double... others) {
    double max = 1e-9;
    for (double f : others) {
      max = Math.max(max, power(pcm, from, to, f));
    }
    return power(pcm, from, to, frequency) / max;
  }

  static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(sum / Math.max(1, to - from));
  }
}
