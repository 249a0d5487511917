package org.switchboard.reports.standard;

/**
 * Erlang C for a queue of {@code agents} serving Poisson arrivals with exponential handle times and
 * no abandons: the offered load is {@code A = arrivals per second × AHT} erlangs.
 */
final class ErlangC {
  private ErlangC() {}

  /**
   * The probability that an arrival waits, by the Erlang B recursion (stable for large numbers):
   * {@code B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1))}, then {@code C = N·B / (N - A·(1 - B))}.
   *
   * @return 1 when {@code agents <= A} (the queue grows without bound)
   */
  static double probabilityOfWait(int agents, double erlangs) {
    if (agents <= erlangs) {
      return 1.0;
    }
    double b = 1.0;
    for (int k = 1; k <= agents; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return agents * b / (agents - erlangs * (1 - b));
  }

  /** Share answered within {@code thresholdSeconds}: {@code 1 - C·e^(-(N-A)·T/AHT)}. */
  static double serviceLevel(
      int agents, double erlangs, double thresholdSeconds, double ahtSeconds) {
    if (agents <= erlangs) {
      return 0.0;
    }
    return 1
        - probabilityOfWait(agents, erlangs)
            * Math.exp(-(agents - erlangs) * thresholdSeconds / ahtSeconds);
  }

  /** Mean wait of all arrivals: {@code C·AHT / (N - A)}; infinite when {@code N <= A}. */
  static double averageSpeedOfAnswer(int agents, double erlangs, double ahtSeconds) {
    if (agents <= erlangs) {
      return Double.POSITIVE_INFINITY;
    }
    return probabilityOfWait(agents, erlangs) * ahtSeconds / (agents - erlangs);
  }
}
