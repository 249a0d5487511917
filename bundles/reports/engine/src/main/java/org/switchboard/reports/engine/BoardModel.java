package org.switchboard.reports.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.Wallboard;
import org.switchboard.reports.api.Wallboard.AgentBoard;
import org.switchboard.reports.api.Wallboard.QueueBoard;

/** Builds the wallboard from the queues, agents and open interactions now and today's figures. */
final class BoardModel {
  private static final Set<InteractionState> ACTIVE =
      Set.of(
          InteractionState.OFFERED,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.WRAP_UP);

  /** When a queue's figures raise alerts. */
  record Thresholds(int waiting, long longestWaitSeconds) {}

  private BoardModel() {}

  static Wallboard of(
      List<Queue> queues,
      List<Agent> agents,
      List<Interaction> open,
      Map<String, QueueFigures> today,
      Instant now,
      Instant since,
      Thresholds alertAt) {
    List<QueueBoard> boards = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    QueueFigures none =
        QueueMetrics.of(List.of(), org.switchboard.reports.api.MetricSettings.DEFAULT);
    for (Queue q : queues) {
      List<Interaction> waiting =
          open.stream()
              .filter(i -> i.state() == InteractionState.QUEUED && q.id().equals(i.queue()))
              .toList();
      long longest =
          waiting.stream()
              .map(Interaction::queuedAt)
              .filter(Objects::nonNull)
              .min(Instant::compareTo)
              .map(t -> Math.max(0, Duration.between(t, now).toSeconds()))
              .orElse(0L);
      Map<AgentState, Integer> staffing = new EnumMap<>(AgentState.class);
      agents.stream()
          .filter(a -> a.state().isLoggedIn() && serves(a, q))
          .forEach(a -> staffing.merge(a.state(), 1, Integer::sum));
      QueueFigures figures = today.getOrDefault(q.id(), none);
      double target = q.serviceLevelTarget() / 100.0;
      List<String> queueAlerts = new ArrayList<>();
      if (waiting.size() >= alertAt.waiting()) {
        queueAlerts.add("waiting");
      }
      if (longest >= alertAt.longestWaitSeconds()) {
        queueAlerts.add("longestWait");
      }
      if (figures.serviceLevel() != null && figures.serviceLevel() < target) {
        queueAlerts.add("serviceLevel");
      }
      queueAlerts.forEach(a -> alerts.add(q.id() + ": " + a));
      boards.add(
          new QueueBoard(
              q.id(), q.name(), waiting.size(), longest, staffing, figures, target, queueAlerts));
    }
    List<AgentBoard> people =
        agents.stream()
            .map(
                a ->
                    new AgentBoard(
                        a.id(),
                        a.displayName(),
                        a.state(),
                        a.reason(),
                        a.stateSince(),
                        (int)
                            open.stream()
                                .filter(i -> a.id().equals(i.agent()) && ACTIVE.contains(i.state()))
                                .count()))
            .toList();
    return new Wallboard(now, since, boards, people, alerts);
  }

  private static boolean serves(Agent agent, Queue queue) {
    return queue.requiredSkills().stream().allMatch(r -> r.isMetBy(agent.skills()));
  }
}
