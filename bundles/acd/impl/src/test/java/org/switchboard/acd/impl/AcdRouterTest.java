package org.switchboard.acd.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.acd.impl.RouterHarness.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;

/** The real-time router on the real core: offers, timers, policies, explanations. */
class AcdRouterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<ChannelType, Integer> ONE_CALL = Map.of(ChannelType.VOICE, 1);
  private RouterHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  private RoutingPolicy policy(
      String queue, String strategy, long ringSeconds, long wrapUpSeconds) {
    return new RoutingPolicy(
        queue,
        strategy,
        Duration.ofSeconds(ringSeconds),
        Duration.ofSeconds(wrapUpSeconds),
        null,
        List.of(),
        0);
  }

  @Test
  void offersToTheReadyAgentAndExplainsWhy() {
    h = new RouterHarness();
    h.core.queue("support");
    h.readyAgent("ann", ONE_CALL);
    Interaction i = h.queued("support", null, Map.of());

    await("offered to ann", WAIT, () -> "ann".equals(h.get(i.id()).agent()));
    assertThat(h.get(i.id()).state()).isEqualTo(InteractionState.OFFERED);
    List<Decision> why = h.acd.decisionsFor(i.id());
    assertThat(why).hasSize(1);
    assertThat(why.get(0).kind()).isEqualTo(Decision.Kind.OFFER);
    assertThat(why.get(0).agentId()).isEqualTo("ann");
    assertThat(why.get(0).rule()).contains("longest-idle").contains("queue support");
    assertThat(why.get(0).candidates())
        .extracting(Decision.ScoredCandidate::agentId)
        .containsExactly("ann");
    assertThat(h.acd.decisionsForAgent("ann", 10)).hasSize(1);
  }

  @Test
  void ringNoAnswerReturnsToTheHeadOfTheQueueAndSetsTheAgentNotReady() {
    h = new RouterHarness();
    h.core.queue("support");
    h.acd.setPolicy(policy("support", "longest-idle", 1, 30));
    h.readyAgent("ann", ONE_CALL);
    Interaction first = h.queued("support", null, Map.of());
    // The offer lasts one second: wait for its decision, not for the short-lived OFFERED state,
    // which a stalled poll on a loaded machine can miss entirely.
    await(
        "offered",
        WAIT,
        () ->
            h.acd.decisionsFor(first.id()).stream().anyMatch(d -> d.kind() == Decision.Kind.OFFER));

    await(
        "back in queue after no answer",
        WAIT,
        () ->
            h.get(first.id()).state() == InteractionState.QUEUED
                && h.acd.decisionsFor(first.id()).size() == 2);
    Interaction back = h.get(first.id());
    assertThat(back.queuedAt()).isEqualTo(first.queuedAt());
    assertThat(back.agent()).isNull();
    assertThat(h.core.agents.find("ann").orElseThrow().state()).isEqualTo(AgentState.NOT_READY);
    assertThat(h.core.agents.find("ann").orElseThrow().reason()).isEqualTo("no-answer");
    assertThat(h.acd.decisionsFor(first.id()))
        .extracting(Decision::kind)
        .containsExactly(Decision.Kind.OFFER, Decision.Kind.NO_ANSWER);

    Interaction later = h.queued("support", null, Map.of());
    h.readyAgent("bob", ONE_CALL);
    await("head of line offered to bob", WAIT, () -> "bob".equals(h.get(first.id()).agent()));
    assertThat(h.get(later.id()).state()).isEqualTo(InteractionState.QUEUED);
  }

  @Test
  void wrapUpTimeRunsOutAndFreesTheAgent() {
    h = new RouterHarness();
    h.core.queue("support");
    h.acd.setPolicy(policy("support", "longest-idle", 20, 1));
    h.readyAgent("ann", ONE_CALL);
    Interaction i = h.queued("support", null, Map.of());
    await("offered", WAIT, () -> h.get(i.id()).state() == InteractionState.OFFERED);
    h.core.interactions.accept(i.id(), "ann");
    h.core.interactions.endConversation(i.id());
    Interaction next = h.queued("support", null, Map.of());
    assertThat(h.get(next.id()).state()).isEqualTo(InteractionState.QUEUED);

    await("completed by the ACD", WAIT, () -> h.get(i.id()).state() == InteractionState.CLOSED);
    assertThat(h.get(i.id()).disposition().code()).isEqualTo("wrap-up-expired");
    await("next offered to the freed agent", WAIT, () -> "ann".equals(h.get(next.id()).agent()));
  }

  @Test
  void relaxationStepsWidenTheAgentPoolAtTheirTime() {
    h = new RouterHarness();
    h.core.skills.create(new Skill("billing", "Invoices"));
    h.core.queue("billing");
    h.acd.setPolicy(
        new RoutingPolicy(
            "billing",
            "most-skilled",
            null,
            null,
            null,
            List.of(
                new RelaxationStep(
                    Duration.ZERO, List.of(new SkillRequirement("billing", 7)), false),
                new RelaxationStep(Duration.ofSeconds(2), List.of(), false)),
            0));
    h.readyAgent("bob", ONE_CALL, new SkillLevel("billing", 4));
    Interaction i = h.queued("billing", null, Map.of());

    WaitExplanation why = h.acd.explainWaiting(i.id()).orElseThrow();
    assertThat(why.step()).contains("step 1/2").contains("billing>=7");
    assertThat(why.excludedAgents())
        .containsKey("lacks skill required by the current step: billing>=7");
    assertThat(why.nextChange()).isEqualTo(i.queuedAt().plusSeconds(2));
    assertThat(h.get(i.id()).state()).isEqualTo(InteractionState.QUEUED);

    await("offered after the step relaxed", WAIT, () -> "bob".equals(h.get(i.id()).agent()));
    Duration waited = Duration.between(i.queuedAt(), h.get(i.id()).updatedAt());
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(h.acd.decisionsFor(i.id()).get(0).rule()).contains("step 2/2");
  }

  @Test
  void stickyRoutingPrefersTheCustomersLastAgent() {
    h = new RouterHarness();
    h.core.queue("support");
    h.acd.setPolicy(policy("support", "sticky", 20, 0));
    h.readyAgent("ann", ONE_CALL);
    Interaction earlier = h.queued("support", "cust-42", Map.of());
    await("offered to ann", WAIT, () -> "ann".equals(h.get(earlier.id()).agent()));
    h.core.interactions.accept(earlier.id(), "ann");
    h.core.interactions.complete(earlier.id(), new Disposition("resolved", ""));
    h.readyAgent("bob", ONE_CALL); // bob has been idle for less time, but ann served cust-42

    Interaction again = h.queued("support", "cust-42", Map.of());
    await("offered", WAIT, () -> h.get(again.id()).state() == InteractionState.OFFERED);
    assertThat(h.get(again.id()).agent()).isEqualTo("ann");
  }

  @Test
  void callbackKeepsItsPlaceAndVipsGoFirst() {
    h = new RouterHarness();
    h.core.queue("support");
    Interaction a = h.queued("support", null, Map.of());
    Interaction b = h.queued("support", null, Map.of());
    Interaction vip = h.queued("support", null, Map.of(Attributes.VIP, "true"));
    Interaction withCallback = h.core.interactions.requestCallback(a.id(), "+4930555");
    assertThat(withCallback.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(withCallback.queuedAt()).isEqualTo(a.queuedAt());
    assertThat(withCallback.attributes()).containsEntry(Attributes.CALLBACK_ADDRESS, "+4930555");

    h.readyAgent("ann", ONE_CALL);
    await("vip offered first", WAIT, () -> "ann".equals(h.get(vip.id()).agent()));
    h.core.interactions.decline(vip.id(), "ann", "test");
    h.core.interactions.abandon(vip.id(), "gone");
    await("callback offered next, ahead of b", WAIT, () -> "ann".equals(h.get(a.id()).agent()));
    assertThat(h.get(b.id()).state()).isEqualTo(InteractionState.QUEUED);
  }

  @Test
  void expectedWaitIsLearnedFromClosedInteractionsOfTheQueue() {
    h = new RouterHarness();
    h.core.queue("support");
    h.readyAgent("ann", ONE_CALL);
    Interaction first = h.queued("support", null, Map.of());
    await("offered to ann", WAIT, () -> "ann".equals(h.get(first.id()).agent()));
    h.core.interactions.accept(first.id(), "ann");
    Interaction waiting = h.queued("support", null, Map.of());
    await(
        "waiting with no estimate yet",
        WAIT,
        () -> h.acd.explainWaiting(waiting.id()).map(w -> w.expectedWait() == null).orElse(false));
    h.core.interactions.complete(first.id(), new Disposition("resolved", ""));
    await("offered to ann next", WAIT, () -> "ann".equals(h.get(waiting.id()).agent()));
    h.core.interactions.accept(waiting.id(), "ann");

    Interaction next = h.queued("support", null, Map.of());
    Interaction last = h.queued("support", null, Map.of());
    await(
        "an estimate once a handle time is known",
        WAIT,
        () -> h.acd.explainWaiting(last.id()).map(w -> w.expectedWait() != null).orElse(false));
    Duration firstInLine = h.acd.explainWaiting(next.id()).orElseThrow().expectedWait();
    Duration secondInLine = h.acd.explainWaiting(last.id()).orElseThrow().expectedWait();
    assertThat(secondInLine).isEqualTo(firstInLine.multipliedBy(2)); // one agent, one per AHT
    // A contact joining now would be third in line.
    assertThat(h.acd.expectedWaitToJoin("support", ChannelType.VOICE))
        .contains(firstInLine.multipliedBy(3));
    assertThat(h.acd.expectedWaitToJoin("support", ChannelType.EMAIL)).isEmpty(); // nobody takes it
    assertThatThrownBy(() -> h.acd.expectedWaitToJoin("nope", ChannelType.VOICE))
        .isInstanceOf(org.switchboard.core.api.NotFoundException.class);
  }

  @Test
  void overflowMovesLongWaitersToTheOverflowQueue() {
    h = new RouterHarness();
    h.core.queue("spare");
    h.core.queues.create(
        new Queue(
            "front",
            "front",
            RouterHarness.voice(),
            List.of(),
            10,
            Duration.ofSeconds(20),
            80,
            Duration.ofSeconds(1),
            "spare",
            0));
    Interaction i = h.queued("front", null, Map.of());
    await("moved to spare", WAIT, () -> "spare".equals(h.get(i.id()).queue()));
    assertThat(h.acd.decisionsFor(i.id()))
        .extracting(Decision::kind)
        .containsExactly(Decision.Kind.OVERFLOW);
  }

  @Test
  void watchdogLogsOutAgentsWithoutSignOfLife() {
    h = new RouterHarness(1, 1);
    h.core.queue("support");
    h.readyAgent("ann", ONE_CALL);
    await(
        "ann logged out",
        WAIT,
        () -> h.core.agents.find("ann").orElseThrow().state() == AgentState.LOGGED_OUT);
    assertThat(h.core.agents.find("ann").orElseThrow().reason()).isEqualTo("stale");
    assertThat(h.acd.decisionsForAgent("ann", 10))
        .extracting(Decision::kind)
        .contains(Decision.Kind.AGENT_RECONCILED);
  }

  @Test
  void policiesAreValidated() {
    h = new RouterHarness();
    h.core.queue("support");
    assertThatThrownBy(() -> h.acd.setPolicy(policy("support", "no-such-strategy", 20, 30)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not installed");
    assertThatThrownBy(
            () ->
                h.acd.setPolicy(
                    new RoutingPolicy(
                        "support",
                        null,
                        null,
                        null,
                        null,
                        List.of(
                            new RelaxationStep(
                                Duration.ZERO, List.of(new SkillRequirement("nope", 3)), false)),
                        0)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nope");
    RoutingPolicy saved = h.acd.setPolicy(policy("support", "round-robin", 15, 10));
    assertThat(saved.version()).isEqualTo(1);
    assertThat(h.acd.policy("support")).isEqualTo(saved);
  }
}
