package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;

class InteractionLifecycleTest {
  private TestCore core;

  @BeforeEach
  void setUp() {
    core = new TestCore();
    core.queue("support");
    core.queue("billing");
    for (String a : List.of("agent1", "agent2")) {
      core.agents.create(
          new Agent(a, a, List.of(), null, Map.of(ChannelType.CHAT, 3), null, null, null, 0));
      core.agents.login(a);
      core.agents.changeState(a, AgentState.READY, "");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private Interaction queuedChat(String ref) {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, ref, Direction.INBOUND, "visitor", "web", null, Map.of()));
    return core.interactions.enqueue(i.id(), QueueRequest.to("support"));
  }

  @Test
  void fullLifecycleWritesOneEventPerChangeInOrder() {
    long before = core.events().size();
    Interaction q = queuedChat(null);
    String id = q.id();
    core.interactions.offer(id, "agent1");
    Interaction accepted = core.interactions.accept(id, "agent1");
    assertThat(accepted.answeredAt()).isNotNull();
    core.interactions.hold(id);
    core.interactions.resume(id);
    core.interactions.endConversation(id);
    Interaction closed = core.interactions.complete(id, new Disposition("resolved", "ok"));

    assertThat(closed.state()).isEqualTo(InteractionState.CLOSED);
    assertThat(closed.disposition().code()).isEqualTo("resolved");
    assertThat(closed.endedAt()).isNotNull();
    assertThat(closed.version()).as("opened + 7 changes").isEqualTo(8);
    List<String> types = core.events().stream().skip(before).map(SwitchboardEvent::type).toList();
    assertThat(types)
        .containsExactly(
            EventTypes.INTERACTION_OPENED,
            EventTypes.INTERACTION_QUEUED,
            EventTypes.INTERACTION_OFFERED,
            EventTypes.INTERACTION_ACCEPTED,
            EventTypes.INTERACTION_HELD,
            EventTypes.INTERACTION_RESUMED,
            EventTypes.INTERACTION_CONVERSATION_ENDED,
            EventTypes.INTERACTION_COMPLETED);
    assertThat(core.interactions.find(id)).contains(closed);
  }

  @Test
  void illegalTransitionsAreRefusedAndChangeNothing() {
    Interaction q = queuedChat(null);
    long events = core.events().size();
    assertThatThrownBy(() -> core.interactions.accept(q.id(), "agent1"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("cannot accept")
        .hasMessageContaining("QUEUED");
    assertThatThrownBy(() -> core.interactions.hold(q.id()))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> core.interactions.complete(q.id(), new Disposition("x", "")))
        .isInstanceOf(IllegalTransitionException.class);
    core.interactions.abandon(q.id(), "caller hung up");
    assertThatThrownBy(() -> core.interactions.enqueue(q.id(), QueueRequest.to("support")))
        .isInstanceOf(IllegalTransitionException.class);
    Interaction after = core.interactions.find(q.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(InteractionState.ABANDONED);
    assertThat(core.events()).hasSize((int) events + 1);
  }

  @Test
  void onlyTheOfferedAgentMayAcceptOrDecline() {
    Interaction q = queuedChat(null);
    core.interactions.offer(q.id(), "agent1");
    assertThatThrownBy(() -> core.interactions.accept(q.id(), "agent2"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("offered to agent 'agent1'");
    assertThatThrownBy(() -> core.interactions.offer(q.id(), "agent2"))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void declineReturnsToTheQueueKeepingTheEnqueueTime() {
    Interaction q = queuedChat(null);
    core.interactions.offer(q.id(), "agent1");
    Interaction back = core.interactions.decline(q.id(), "agent1", "no-answer");
    assertThat(back.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(back.agent()).isNull();
    assertThat(back.queuedAt()).isEqualTo(q.queuedAt());
    assertThat(core.events().get(core.events().size() - 1).data())
        .contains("\"reason\":\"no-answer\"");
  }

  @Test
  void transferToAnotherQueueRestartsTheWait() {
    Interaction q = queuedChat(null);
    core.interactions.offer(q.id(), "agent1");
    core.interactions.accept(q.id(), "agent1");
    Interaction moved = core.interactions.transfer(q.id(), TransferTarget.toQueue("billing"));
    assertThat(moved.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(moved.queue()).isEqualTo("billing");
    assertThat(moved.queuedAt()).isAfterOrEqualTo(q.queuedAt());
    assertThat(moved.attributes())
        .as("the ACD keeps it away from the sender for a while")
        .containsEntry(org.switchboard.core.api.interaction.Attributes.TRANSFERRED_FROM, "agent1");
    Interaction toAgent = core.interactions.transfer(q.id(), TransferTarget.toAgent("agent2"));
    assertThat(toAgent.state()).isEqualTo(InteractionState.OFFERED);
    assertThat(toAgent.agent()).isEqualTo("agent2");
  }

  @Test
  void legRecordsAreOneEventOnTheTimelineAndChangeNothing() {
    Interaction q = queuedChat(null);
    Interaction gone = core.interactions.abandon(q.id(), "caller-hung-up");
    java.time.Instant t = java.time.Instant.parse("2026-12-01T10:00:00Z");
    org.switchboard.core.api.interaction.LegRecord customer =
        new org.switchboard.core.api.interaction.LegRecord(
            "customer",
            "+4930555",
            "sip:100@sb",
            "c1",
            t,
            null,
            t.plusSeconds(9),
            "487 Request Terminated",
            "customer: caller-cancelled");
    org.switchboard.core.api.interaction.LegRecord agent =
        new org.switchboard.core.api.interaction.LegRecord(
            "agent",
            "agent1",
            "sip:agent1@10.0.0.5",
            "a1",
            t.plusSeconds(2),
            null,
            t.plusSeconds(9),
            "487 Request Terminated",
            "switchboard: cancelled");
    core.interactions.recordLegs(q.id(), List.of(customer, agent));

    assertThat(core.interactions.find(q.id())).contains(gone);
    List<SwitchboardEvent> timeline = core.interactions.events(q.id(), 100);
    assertThat(timeline)
        .extracting(SwitchboardEvent::type)
        .containsExactly(
            EventTypes.INTERACTION_OPENED,
            EventTypes.INTERACTION_QUEUED,
            EventTypes.INTERACTION_ABANDONED,
            EventTypes.INTERACTION_LEGS_RECORDED);
    assertThat(timeline.get(3).data())
        .contains("\"outcome\":\"487 Request Terminated\"")
        .contains("\"party\":\"agent1\"")
        .contains("\"endedAt\":\"2026-12-01T10:00:09Z\"");
    assertThatThrownBy(() -> core.interactions.recordLegs(q.id(), List.of()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> core.interactions.recordLegs("nope", List.of(customer)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                new org.switchboard.core.api.interaction.LegRecord(
                    "trunk", "x", null, null, t, null, t, "200 OK", null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void openIsIdempotentPerChannelReference() {
    Interaction first = queuedChat("call-42");
    Interaction again =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, "call-42", Direction.INBOUND, "visitor", "web", null, Map.of()));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.state()).isEqualTo(InteractionState.QUEUED);
    Interaction otherChannel =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.VOICE,
                "call-42",
                Direction.INBOUND,
                "+4930123",
                "100",
                null,
                Map.of()));
    assertThat(otherChannel.id()).isNotEqualTo(first.id());
  }

  @Test
  void queueRulesAreEnforcedBeforeAnythingIsWritten() {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.EMAIL,
                null,
                Direction.INBOUND,
                "a@example.com",
                "support@example.com",
                null,
                Map.of()));
    long events = core.events().size();
    assertThatThrownBy(() -> core.interactions.enqueue(i.id(), QueueRequest.to("nope")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("queue");
    assertThatThrownBy(() -> core.interactions.enqueue(i.id(), QueueRequest.to("support")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("does not take email");
    assertThatThrownBy(
            () ->
                core.interactions
                    .find("missing")
                    .orElseThrow(() -> new NotFoundException("interaction", "missing")))
        .isInstanceOf(NotFoundException.class);
    assertThat(core.events()).hasSize((int) events);
    assertThat(core.interactions.find(i.id()).orElseThrow().state())
        .isEqualTo(InteractionState.NEW);
  }

  @Test
  void attributesMergeAndRemove() {
    Interaction i = queuedChat(null);
    core.interactions.updateAttributes(i.id(), Map.of("order", "A-1", "lang", "en"));
    java.util.HashMap<String, String> change = new java.util.HashMap<>();
    change.put("lang", null);
    Interaction after = core.interactions.updateAttributes(i.id(), change);
    assertThat(after.attributes()).containsExactly(Map.entry("order", "A-1"));
  }
}
