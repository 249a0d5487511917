package org.switchboard.acd.impl;

import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.core.api.skill.SkillService;

/** Policies, decisions, explanations and heartbeats, on top of the router and its store. */
@Component(service = AcdService.class)
public class AcdServiceImpl implements AcdService {
  private final AcdRouter router;
  private final AcdStore store;
  private final QueueService queues;
  private final SkillService skills;
  private final AgentService agents;
  private final InteractionService interactions;

  @Activate
  public AcdServiceImpl(
      @Reference AcdRouter router,
      @Reference AcdStore store,
      @Reference QueueService queues,
      @Reference SkillService skills,
      @Reference AgentService agents,
      @Reference InteractionService interactions) {
    this.router = router;
    this.store = store;
    this.queues = queues;
    this.skills = skills;
    this.agents = agents;
    this.interactions = interactions;
  }

  @Override
  public RoutingPolicy policy(String queue) {
    Identifiers.requireName("queue", queue);
    queues.find(queue).orElseThrow(() -> new NotFoundException("queue", queue));
    return store.policy(queue).orElse(RoutingPolicy.defaults(queue));
  }

  @Override
  public List<RoutingPolicy> policies() {
    return store.policies();
  }

  @Override
  public RoutingPolicy setPolicy(RoutingPolicy policy) {
    Identifiers.require("policy", policy);
    queues.find(policy.queue()).orElseThrow(() -> new NotFoundException("queue", policy.queue()));
    List<String> known = router.strategyIds();
    if (!known.contains(policy.strategy())) {
      throw new ValidationException(
          "strategy",
          "routing strategy '" + policy.strategy() + "' is not installed; installed: " + known);
    }
    for (RelaxationStep step : policy.steps()) {
      for (SkillRequirement r : step.requirements()) {
        if (skills.find(r.skill()).isEmpty()) {
          throw new ValidationException(
              "steps", "skill '" + r.skill() + "' does not exist (" + step.describe() + ")");
        }
      }
    }
    RoutingPolicy saved = store.save(policy);
    router.policyChanged(saved.queue());
    return saved;
  }

  @Override
  public List<Decision> decisionsFor(String interactionId) {
    Identifiers.require("interactionId", interactionId);
    router.flushDecisions();
    return store.decisionsFor(interactionId);
  }

  @Override
  public List<Decision> decisionsForAgent(String agentId, int limit) {
    Identifiers.require("agentId", agentId);
    if (limit < 1 || limit > 1000) {
      throw new ValidationException("limit", "must be between 1 and 1000, got " + limit);
    }
    router.flushDecisions();
    return store.decisionsForAgent(agentId, limit);
  }

  @Override
  public Optional<WaitExplanation> explainWaiting(String interactionId) {
    Identifiers.require("interactionId", interactionId);
    InteractionState state =
        interactions
            .find(interactionId)
            .orElseThrow(() -> new NotFoundException("interaction", interactionId))
            .state();
    return state == InteractionState.QUEUED ? router.explain(interactionId) : Optional.empty();
  }

  @Override
  public Optional<java.time.Duration> expectedWaitToJoin(
      String queue, org.switchboard.core.api.ChannelType channel) {
    Identifiers.require("queue", queue);
    if (channel == null) {
      throw new ValidationException("channel", "is required");
    }
    queues.find(queue).orElseThrow(() -> new NotFoundException("queue", queue));
    return router.expectedWaitToJoin(queue, channel.id());
  }

  @Override
  public java.time.Duration routingLag() {
    return router.routingLag();
  }

  @Override
  public void heartbeat(String agentId, String source) {
    Identifiers.require("agentId", agentId);
    agents.find(agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
    router.heartbeat(agentId);
  }
}
