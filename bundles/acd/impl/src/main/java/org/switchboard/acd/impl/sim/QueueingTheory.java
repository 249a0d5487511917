package org.switchboard.acd.impl.sim;

/**
 * Closed-form and numeric queueing results to compare simulations with: Erlang C (M/M/c) and Erlang
 * A (M/M/c+M, exponential patience), solved as a birth-death chain.
 */
public final class QueueingTheory {
  private QueueingTheory() {}

  /**
   * Erlang C probability that an arrival waits; {@code a = lambda / mu} offered load in Erlangs.
   */
  public static double erlangC(int agents, double a) {
    if (a >= agents) {
      return 1.0;
    }
    // Erlang B by the stable recursion, then C from B.
    double b = 1.0;
    for (int k = 1; k <= agents; k++) {
      b = a * b / (k + a * b);
    }
    return agents * b / (agents - a * (1 - b));
  }

  /** Erlang C mean wait over all arrivals (ASA), seconds. */
  public static double erlangCMeanWait(int agents, double lambda, double mu) {
    return erlangC(agents, lambda / mu) / (agents * mu - lambda);
  }

  /** Erlang C share of arrivals answered within {@code t} seconds. */
  public static double erlangCServiceLevel(int agents, double lambda, double mu, double t) {
    return 1 - erlangC(agents, lambda / mu) * Math.exp(-(agents * mu - lambda) * t);
  }

  /**
   * Erlang A figures: probability of waiting and probability of abandoning.
   *
   * @param theta abandonment rate (1 / mean patience)
   * @return {probability of wait, probability of abandonment}
   */
  public static double[] erlangA(int agents, double lambda, double mu, double theta) {
    int n = agents + 20_000;
    double[] p = new double[n + 1];
    p[0] = 1;
    double sum = 1;
    for (int k = 1; k <= n; k++) {
      double death = Math.min(k, agents) * mu + Math.max(k - agents, 0) * theta;
      p[k] = p[k - 1] * lambda / death;
      sum += p[k];
      if (p[k] < 1e-300) {
        break;
      }
    }
    double wait = 0;
    double queueLength = 0;
    for (int k = agents; k <= n; k++) {
      wait += p[k];
      queueLength += (k - agents) * p[k];
    }
    return new double[] {wait / sum, theta * (queueLength / sum) / lambda};
  }
}
