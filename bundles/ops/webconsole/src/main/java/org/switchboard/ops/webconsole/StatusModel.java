package org.switchboard.ops.webconsole;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.Queue;

/** What the console page shows: each queue's waiting work and staffing, each agent's state. */
record StatusModel(List<QueueStatus> queues, List<AgentStatus> agents) {

  /** One queue: waiting interactions, the longest wait, logged-in agents able to serve it. */
  record QueueStatus(
      String id,
      String name,
      int waiting,
      long longestWaitSeconds,
      Map<AgentState, Integer> agents) {}

  /** One agent: state, reason, since when, interactions they are busy with. */
  record AgentStatus(
      String id,
      String displayName,
      AgentState state,
      String reason,
      Instant since,
      int activeInteractions) {}

  private static final Set<InteractionState> ACTIVE =
      Set.of(
          InteractionState.OFFERED,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.WRAP_UP);

  /** Builds the model from the current queues, agents and open interactions. */
  static StatusModel of(
      List<Queue> queues, List<Agent> agents, List<Interaction> open, Instant now) {
    List<QueueStatus> qs =
        queues.stream()
            .map(
                q -> {
                  List<Interaction> waiting =
                      open.stream()
                          .filter(
                              i -> i.state() == InteractionState.QUEUED && q.id().equals(i.queue()))
                          .toList();
                  long longest =
                      waiting.stream()
                          .map(Interaction::queuedAt)
                          .filter(java.util.Objects::nonNull)
                          .min(Instant::compareTo)
                          .map(t -> Duration.between(t, now).toSeconds())
                          .orElse(0L);
                  Map<AgentState, Integer> staffing = new EnumMap<>(AgentState.class);
                  agents.stream()
                      .filter(a -> a.state().isLoggedIn() && serves(a, q))
                      .forEach(a -> staffing.merge(a.state(), 1, Integer::sum));
                  return new QueueStatus(q.id(), q.name(), waiting.size(), longest, staffing);
                })
            .toList();
    List<AgentStatus> as =
        agents.stream()
            .map(
                a ->
                    new AgentStatus(
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
    return new StatusModel(qs, as);
  }

  private static boolean serves(Agent agent, Queue queue) {
    return queue.requiredSkills().stream().allMatch(r -> r.isMetBy(agent.skills()));
  }
}
