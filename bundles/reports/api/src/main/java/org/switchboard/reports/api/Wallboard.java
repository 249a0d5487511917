package org.switchboard.reports.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.core.api.agent.AgentState;

/**
 * The contact center right now, as a wallboard shows it.
 *
 * @param at when it was taken
 * @param since the start of "today" for the day figures (midnight in the reports' zone)
 * @param queues every queue
 * @param agents every agent
 * @param alerts every queue's alerts, {@code <queue>: <what>}
 */
public record Wallboard(
    Instant at,
    Instant since,
    List<QueueBoard> queues,
    List<AgentBoard> agents,
    List<String> alerts) {
  public Wallboard {
    queues = List.copyOf(queues);
    agents = List.copyOf(agents);
    alerts = List.copyOf(alerts);
  }

  /**
   * One queue.
   *
   * @param id the queue
   * @param name its display name
   * @param waiting contacts waiting in it now
   * @param longestWaitSeconds how long the one waiting longest has waited, 0 when nobody waits
   * @param agents logged-in agents with the queue's skills, by state
   * @param today the figures since midnight
   * @param serviceLevelTarget the queue's target service level, 0..1
   * @param alerts what crossed its threshold: {@code waiting}, {@code longestWait}, {@code
   *     serviceLevel}
   */
  public record QueueBoard(
      String id,
      String name,
      int waiting,
      long longestWaitSeconds,
      Map<AgentState, Integer> agents,
      QueueFigures today,
      double serviceLevelTarget,
      List<String> alerts) {
    public QueueBoard {
      agents = Map.copyOf(agents);
      alerts = List.copyOf(alerts);
    }
  }

  /**
   * One agent.
   *
   * @param id the agent
   * @param displayName their name
   * @param state their state
   * @param reason the reason of a not-ready state, or null
   * @param since since when they are in it
   * @param activeInteractions interactions offered to or handled by them now
   */
  public record AgentBoard(
      String id,
      String displayName,
      AgentState state,
      String reason,
      Instant since,
      int activeInteractions) {}
}
