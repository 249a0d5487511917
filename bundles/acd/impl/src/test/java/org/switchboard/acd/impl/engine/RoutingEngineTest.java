package org.switchboard.acd.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.RoutingStrategy;
import org.switchboard.acd.strategies.LongestIdle;
import org.switchboard.core.api.skill.SkillRequirement;

/** Exact timing and ordering rules of the engine, in virtual time. */
class RoutingEngineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
  private static final RoutingStrategy LONGEST_IDLE = new LongestIdle();

  private RoutingEngine engine(RoutingPolicy policy, Duration maxWait, String overflow) {
    RoutingEngine e = new RoutingEngine(id -> LONGEST_IDLE, Set.of("voice"), true);
    e.putQueue(
        new QueueRules(
            policy.queue(),
            Set.of("voice", "chat"),
            List.of(),
            Duration.ofSeconds(20),
            maxWait,
            overflow,
            policy));
    return e;
  }

  private static WaitingContact contact(String id, int priority, Instant queuedAt, String channel) {
    return new WaitingContact(
        id, channel, "q", priority, List.of(), queuedAt, null, null, false, null);
  }

  @Test
  void aCallbackDueLaterKeepsItsPlaceButIsOfferedOnlyFromItsTime() {
    RoutingEngine e = engine(RoutingPolicy.defaults("q"), null, null);
    Instant due = T0.plusSeconds(600);
    WaitingContact retry =
        new WaitingContact(
            "retry", "voice", "q", 50, List.of(), T0.minusSeconds(60), null, null, true, null, due);
    e.enqueue(retry);
    e.enqueue(contact("later", 50, T0, "voice"));
    e.putAgent("a", Map.of(), Map.of("voice", 1), true, true, T0);
    e.putAgent("b", Map.of(), Map.of("voice", 1), true, true, T0);

    assertThat(e.route(T0)).extracting(Assignment::agentId).hasSize(1);
    assertThat(e.isWaiting("retry")).isTrue();
    assertThat(e.isWaiting("later")).isFalse();
    assertThat(e.nextDeadline()).contains(due);
    assertThat(WaitExplainer.explain(e, "retry", T0).orElseThrow().summary())
        .contains("not to be offered before");
    assertThat(e.route(due.minusMillis(1))).isEmpty();
    assertThat(e.route(due))
        .singleElement()
        .satisfies(a -> assertThat(a.contact().interactionId()).isEqualTo("retry"));
  }

  @Test
  void relaxationStepsApplyExactlyAtTheirTime() {
    RoutingEngine e =
        engine(
            new RoutingPolicy(
                "q",
                null,
                null,
                null,
                null,
                List.of(
                    new RelaxationStep(
                        Duration.ZERO, List.of(new SkillRequirement("billing", 7)), false),
                    new RelaxationStep(
                        Duration.ofSeconds(30), List.of(new SkillRequirement("billing", 4)), false),
                    new RelaxationStep(Duration.ofSeconds(60), List.of(), false)),
                0),
            null,
            null);
    e.putAgent("novice", Map.of(), Map.of("voice", 1), true, true, T0);
    e.putAgent("mid", Map.of("billing", 5), Map.of("voice", 1), true, true, T0);
    e.enqueue(contact("c1", 50, T0, "voice"));
    e.enqueue(contact("c2", 50, T0.plusMillis(1), "voice"));

    assertThat(e.route(T0)).isEmpty();
    assertThat(e.nextDeadline()).contains(T0.plusSeconds(30));
    assertThat(e.route(T0.plusSeconds(30).minusMillis(1))).isEmpty();
    List<Assignment> at30 = e.route(T0.plusSeconds(30));
    assertThat(at30)
        .extracting(a -> a.contact().interactionId() + "->" + a.agentId())
        .containsExactly("c1->mid");
    assertThat(at30.get(0).decision().rule()).contains("step 2/3");
    assertThat(e.route(T0.plusSeconds(60))).isEmpty(); // c2 reaches 60 s 1 ms later
    assertThat(e.route(T0.plusSeconds(60).plusMillis(1)))
        .extracting(Assignment::agentId)
        .containsExactly("novice");
  }

  @Test
  void aTransferredContactGoesToAnotherAgentAndBackOnlyAfterTheGuard() {
    RoutingEngine e = engine(RoutingPolicy.defaults("q"), null, null);
    e.putAgent("sender", Map.of(), Map.of("voice", 1), true, true, T0.minusSeconds(60));
    e.enqueue(
        new WaitingContact("c", "voice", "q", 50, List.of(), T0, null, null, false, "sender"));
    assertThat(e.route(T0.plusSeconds(1))).as("only the sender is free").isEmpty();
    assertThat(e.nextDeadline()).contains(T0.plus(Requirements.TRANSFER_BACK_GUARD));
    e.putAgent("other", Map.of(), Map.of("voice", 1), true, true, T0.plusSeconds(2));
    assertThat(e.route(T0.plusSeconds(2))).extracting(Assignment::agentId).containsExactly("other");

    e.enqueue(
        new WaitingContact("d", "voice", "q", 50, List.of(), T0, null, null, false, "sender"));
    assertThat(e.route(T0.plus(Requirements.TRANSFER_BACK_GUARD).minusMillis(1))).isEmpty();
    assertThat(e.route(T0.plus(Requirements.TRANSFER_BACK_GUARD)))
        .as("nobody else came: after the guard the sender may take it")
        .extracting(Assignment::agentId)
        .containsExactly("sender");
  }

  @Test
  void priorityThenWaitDecideWhoIsServedFirstAcrossTheLine() {
    RoutingEngine e = engine(RoutingPolicy.defaults("q"), null, null);
    e.enqueue(contact("old-low", 10, T0, "voice"));
    e.enqueue(contact("new-high", 90, T0.plusSeconds(5), "voice"));
    e.enqueue(contact("older-high", 90, T0.plusSeconds(1), "voice"));
    assertThat(e.route(T0.plusSeconds(6))).isEmpty();
    e.putAgent("a", Map.of(), Map.of("voice", 1), true, true, T0);
    assertThat(e.route(T0.plusSeconds(7)))
        .extracting(a -> a.contact().interactionId())
        .containsExactly("older-high");
    e.release("older-high", T0.plusSeconds(8));
    assertThat(e.route(T0.plusSeconds(8)))
        .extracting(a -> a.contact().interactionId())
        .containsExactly("new-high");
    e.release("new-high", T0.plusSeconds(9));
    assertThat(e.route(T0.plusSeconds(9)))
        .extracting(a -> a.contact().interactionId())
        .containsExactly("old-low");
  }

  @Test
  void aCallBlocksOtherWorkButChatsDoNotBlockACall() {
    RoutingEngine e = engine(RoutingPolicy.defaults("q"), null, null);
    e.putAgent("a", Map.of(), Map.of("voice", 1, "chat", 3), true, true, T0);
    e.enqueue(contact("chat1", 50, T0, "chat"));
    e.enqueue(contact("call", 50, T0.plusMillis(1), "voice"));
    e.enqueue(contact("chat2", 50, T0.plusMillis(2), "chat"));
    assertThat(e.route(T0.plusSeconds(1)))
        .extracting(a -> a.contact().interactionId())
        .containsExactly("chat1", "call");
    e.release("call", T0.plusSeconds(2));
    assertThat(e.route(T0.plusSeconds(2)))
        .extracting(a -> a.contact().interactionId())
        .containsExactly("chat2");
  }

  @Test
  void maxWaitReportsAnOverflowOnce() {
    RoutingEngine e = engine(RoutingPolicy.defaults("q"), Duration.ofSeconds(90), "spare");
    e.enqueue(contact("c", 50, T0, "voice"));
    assertThat(e.route(T0.plusSeconds(89))).isEmpty();
    assertThat(e.takeOverflows()).isEmpty();
    e.route(T0.plusSeconds(90));
    assertThat(e.takeOverflows())
        .extracting(o -> o.contact().interactionId() + "->" + o.overflowQueue())
        .containsExactly("c->spare");
    e.route(T0.plusSeconds(120));
    assertThat(e.takeOverflows()).isEmpty();
  }

  @Test
  void aMissingStrategyHoldsItsQueueUntilItReturns() {
    RoutingStrategy[] current = {null};
    RoutingEngine e = new RoutingEngine(id -> current[0], Set.of("voice"), true);
    e.putQueue(
        new QueueRules(
            "q",
            Set.of("voice"),
            List.of(),
            Duration.ofSeconds(20),
            null,
            null,
            RoutingPolicy.defaults("q")));
    e.putAgent("a", Map.of(), Map.of("voice", 1), true, true, T0);
    e.enqueue(contact("c", 50, T0, "voice"));
    assertThat(e.route(T0)).isEmpty();
    assertThat(WaitExplainer.explain(e, "c", T0).orElseThrow().summary()).contains("not available");
    current[0] = LONGEST_IDLE;
    e.markAllDirty();
    assertThat(e.route(T0.plusSeconds(1))).extracting(Assignment::agentId).containsExactly("a");
  }
}
