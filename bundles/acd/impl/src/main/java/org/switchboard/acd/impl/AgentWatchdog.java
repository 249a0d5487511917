package org.switchboard.acd.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.acd.api.Decision;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;

/**
 * Reconciles agent state with reality: a logged-in agent whose desktop and phone have shown no sign
 * of life for the configured time is logged out (their pending offers go back to the queues), or
 * set NOT_READY while they still hold a conversation. Each correction is a stored decision.
 */
final class AgentWatchdog {
  static final String STALE = "stale";
  private static final Logger LOG = LoggerFactory.getLogger(AgentWatchdog.class);
  private final Map<String, Instant> lastSign = new ConcurrentHashMap<>();
  private final Duration staleAfter;
  private final Instant startedAt;

  AgentWatchdog(Duration staleAfter, Instant startedAt) {
    this.staleAfter = staleAfter;
    this.startedAt = startedAt;
  }

  /** A heartbeat, or the moment the router saw the agent log in. */
  void signOfLife(String agentId, Instant at) {
    lastSign.merge(agentId, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  void forget(String agentId) {
    lastSign.remove(agentId);
  }

  /** Checks every logged-in agent; returns the decisions for the corrections made. */
  void check(
      Iterable<Agent> all,
      AgentService agents,
      InteractionService interactions,
      Instant now,
      java.util.function.Consumer<Decision> decisions) {
    if (staleAfter.isZero()) {
      return;
    }
    for (Agent a : all) {
      if (!a.state().isLoggedIn()) {
        continue;
      }
      Instant seen = lastSign.getOrDefault(a.id(), startedAt);
      seen = seen.isBefore(startedAt) ? startedAt : seen;
      Duration silent = Duration.between(seen, now);
      if (silent.compareTo(staleAfter) <= 0) {
        continue;
      }
      String why =
          "no heartbeat from desktop or phone for "
              + silent.toSeconds()
              + " s (limit "
              + staleAfter.toSeconds()
              + " s)";
      try {
        reconcile(a, agents, interactions, why, now, decisions);
      } catch (SwitchboardException e) {
        LOG.debug("Watchdog could not reconcile agent {}: {}", a.id(), e.getMessage());
      }
    }
  }

  private void reconcile(
      Agent a,
      AgentService agents,
      InteractionService interactions,
      String why,
      Instant now,
      java.util.function.Consumer<Decision> decisions) {
    boolean talking =
        !interactions
            .list(
                new InteractionQuery(
                    Set.of(InteractionState.CONNECTED, InteractionState.HELD),
                    null,
                    a.id(),
                    null,
                    1))
            .isEmpty();
    if (!talking) {
      agents.logout(a.id(), STALE);
      lastSign.remove(a.id());
      LOG.warn("Logged out stale agent {}: {}", a.id(), why);
      decisions.accept(
          Decisions.of(
              Decision.Kind.AGENT_RECONCILED, now, null, null, a.id(), "forced logout: " + why));
    } else if (a.state() != AgentState.NOT_READY || !STALE.equals(a.reason())) {
      agents.changeState(a.id(), AgentState.NOT_READY, STALE);
      decisions.accept(
          Decisions.of(
              Decision.Kind.AGENT_RECONCILED,
              now,
              null,
              null,
              a.id(),
              "set NOT_READY (still in a conversation, so not logged out): " + why));
    }
  }
}
