package org.switchboard.acd.impl.sim;

import org.switchboard.acd.api.SimulationReport.QueueFigures;

/** Counters of one simulated queue. */
final class QueueStats {
  private final String queue;
  private final double threshold;
  long arrived;
  private long answered;
  private long abandoned;
  private long waited;
  private long withinThreshold;
  private double answeredWait;
  private double abandonedWait;
  private double handle;

  QueueStats(String queue, double thresholdSeconds) {
    this.queue = queue;
    this.threshold = thresholdSeconds;
  }

  void answered(double wait, double handleTime) {
    answered++;
    answeredWait += wait;
    handle += handleTime;
    if (wait > 0) {
      waited++;
    }
    if (wait <= threshold) {
      withinThreshold++;
    }
  }

  void abandoned(double wait) {
    abandoned++;
    waited++;
    abandonedWait += wait;
  }

  void add(QueueStats o) {
    arrived += o.arrived;
    answered += o.answered;
    abandoned += o.abandoned;
    waited += o.waited;
    withinThreshold += o.withinThreshold;
    answeredWait += o.answeredWait;
    abandonedWait += o.abandonedWait;
    handle += o.handle;
  }

  QueueFigures figures() {
    long resolved = answered + abandoned;
    return new QueueFigures(
        queue,
        arrived,
        answered,
        abandoned,
        ratio(waited, resolved),
        answered == 0 ? 0 : answeredWait / answered,
        resolved == 0 ? 0 : (answeredWait + abandonedWait) / resolved,
        ratio(withinThreshold, resolved),
        ratio(abandoned, resolved),
        answered == 0 ? 0 : handle / answered);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
