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

/** Agent-placed outbound contacts (click-to-call): reserved, connected or closed, never queued. */
class AgentDialTest {
  private TestCore core;

  @BeforeEach
  void setUp() {
    core = new TestCore();
    core.queue("support");
    core.agents.create(
        new Agent(
            "agent1", "A", List.of(), null, Map.of(ChannelType.VOICE, 1), null, null, null, 0));
    core.agents.login("agent1");
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private static OpenInteraction call(String ref, String number) {
    return new OpenInteraction(
        ChannelType.VOICE, ref, Direction.OUTBOUND, "agent1", number, null, Map.of());
  }

  @Test
  void aDialReservesANotReadyAgentInOneTransactionAndConnectsOnAnswer() {
    long before = core.events().size();
    Interaction dialling = core.interactions.dial(call(null, "+4930123456"), "agent1");
    assertThat(dialling.state()).isEqualTo(InteractionState.OFFERED);
    assertThat(dialling.agent()).isEqualTo("agent1");
    assertThat(dialling.queue()).isNull();
    assertThat(core.events().stream().skip(before).map(SwitchboardEvent::type))
        .containsExactly(EventTypes.INTERACTION_OPENED, EventTypes.INTERACTION_DIALING);

    Interaction connected =
        core.interactions.accept(dialling.id(), "agent1", Map.of("sip.agentContact", "sip:a@h"));
    assertThat(connected.state()).isEqualTo(InteractionState.CONNECTED);
    assertThat(connected.answeredAt()).isNotNull();
    assertThat(connected.attributes()).containsEntry("sip.agentContact", "sip:a@h");
    assertThat(core.events().get(core.events().size() - 1).type())
        .as("the attribute went with the change, in one event")
        .isEqualTo(EventTypes.INTERACTION_ACCEPTED);
  }

  @Test
  void aDialThatDoesNotConnectIsClosedWithItsOutcomeAndNeverQueued() {
    Interaction dialling = core.interactions.dial(call(null, "+4930123456"), "agent1");
    assertThatThrownBy(() -> core.interactions.noAnswer(dialling.id(), "agent1"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("no queue");
    assertThatThrownBy(() -> core.interactions.decline(dialling.id(), "agent1", "x"))
        .isInstanceOf(IllegalTransitionException.class);

    Interaction closed =
        core.interactions.complete(dialling.id(), new Disposition("busy", "486 Busy Here"));
    assertThat(closed.state()).isEqualTo(InteractionState.CLOSED);
    assertThat(closed.disposition().code()).isEqualTo("busy");
    assertThat(closed.endedAt()).isNotNull();
  }

  @Test
  void anOfferFromAQueueIsNotClosedWhileOffered() {
    core.agents.changeState("agent1", AgentState.READY, "");
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.VOICE, null, Direction.INBOUND, "+4930999", "100", null, Map.of()));
    core.interactions.enqueue(i.id(), QueueRequest.to("support"));
    core.interactions.offer(i.id(), "agent1");
    assertThatThrownBy(() -> core.interactions.complete(i.id(), new Disposition("x", "")))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("only a dial");
  }

  @Test
  void aDialNeedsALoggedInAgentWithRoomAndWritesNothingOtherwise() {
    core.interactions.dial(call(null, "+4930111"), "agent1");
    long events = core.events().size();
    assertThatThrownBy(() -> core.interactions.dial(call(null, "+4930222"), "agent1"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("capacity for 1");
    assertThatThrownBy(
            () ->
                core.interactions.dial(
                    new OpenInteraction(
                        ChannelType.VOICE, null, Direction.INBOUND, "a", "b", null, Map.of()),
                    "agent1"))
        .isInstanceOf(ValidationException.class);
    assertThat(core.events()).hasSize((int) events);
    assertThat(core.count("SELECT COUNT(*) FROM interaction")).isEqualTo(1);
  }

  @Test
  void aRepeatedRequestDialsOnce() {
    Interaction first = core.interactions.dial(call("dial:agent1:r1", "+4930111"), "agent1");
    Interaction again = core.interactions.dial(call("dial:agent1:r1", "+4930111"), "agent1");
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(core.count("SELECT COUNT(*) FROM interaction")).isEqualTo(1);
  }

  @Test
  void loggingOutWhileDiallingClosesTheDial() {
    Interaction dialling = core.interactions.dial(call(null, "+4930123456"), "agent1");
    core.agents.logout("agent1", "end of shift");
    Interaction after = core.interactions.find(dialling.id()).orElseThrow();
    assertThat(after.state()).isEqualTo(InteractionState.CLOSED);
    assertThat(after.disposition().code()).isEqualTo("agent-logged-out");
  }
}
