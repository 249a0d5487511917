package org.switchboard.acd.api;

import java.time.Duration;
import java.util.List;

/**
 * What a simulation measured, per queue and in total, after the warm-up.
 *
 * @param simulated simulated time measured (length minus warm-up)
 * @param events discrete events processed
 * @param decisions routing decisions the engine made
 * @param queues per-queue figures
 * @param total all queues together
 * @param agentOccupancy share of logged-in agent time spent handling, 0-1
 */
public record SimulationReport(
    Duration simulated,
    long events,
    long decisions,
    List<QueueFigures> queues,
    QueueFigures total,
    double agentOccupancy) {
  public SimulationReport {
    queues = List.copyOf(queues);
  }

  /**
   * Figures for one queue (or the total).
   *
   * @param queue queue id, {@code *} for the total
   * @param arrived interactions that arrived
   * @param answered interactions an agent took
   * @param abandoned interactions whose caller hung up while waiting
   * @param probabilityOfWait share of arrivals that could not be served at once
   * @param averageSpeedOfAnswerSeconds mean wait of answered interactions, including zero waits
   * @param averageWaitSeconds mean wait of all arrivals (answered or abandoned)
   * @param serviceLevel share of arrivals answered within the queue's threshold
   * @param abandonRate share of arrivals that abandoned
   * @param averageHandleSeconds mean handle time of answered interactions
   */
  public record QueueFigures(
      String queue,
      long arrived,
      long answered,
      long abandoned,
      double probabilityOfWait,
      double averageSpeedOfAnswerSeconds,
      double averageWaitSeconds,
      double serviceLevel,
      double abandonRate,
      double averageHandleSeconds) {}
}
