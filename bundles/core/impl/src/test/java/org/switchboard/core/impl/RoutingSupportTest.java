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
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;

/** What the core guarantees the ACD: offers only within capacity, RONA, callbacks, history. */
class RoutingSupportTest {
  private TestCore core;

  @BeforeEach
  void setUp() {
    core = new TestCore();
    core.queue("support");
    core.agents.create(
        new Agent("ann", "Ann", List.of(), null, Map.of(ChannelType.CHAT, 2), null, null, null, 0));
    core.agents.login("ann");
  }

  @AfterEach
  void tearDown() throws Exception {
    core.close();
  }

  private Interaction queued(String customer) {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, null, Direction.INBOUND, "visitor", "web", customer, Map.of()));
    return core.interactions.enqueue(i.id(), QueueRequest.to("support"));
  }

  @Test
  void offersNeedAReadyAgentWithAFreeSlot() {
    Interaction a = queued(null);
    assertThatThrownBy(() -> core.interactions.offer(a.id(), "ann"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("not READY");
    core.agents.changeState("ann", AgentState.READY, "");
    core.interactions.offer(a.id(), "ann");
    core.interactions.offer(queued(null).id(), "ann");
    Interaction third = queued(null);
    assertThatThrownBy(() -> core.interactions.offer(third.id(), "ann"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("holds 2 chat interaction(s) and has capacity for 2");
    assertThat(core.interactions.find(third.id()).orElseThrow().state())
        .isEqualTo(InteractionState.QUEUED);
  }

  @Test
  void noAnswerRequeuesAndSetsTheAgentNotReadyInOneTransaction() {
    core.agents.changeState("ann", AgentState.READY, "");
    Interaction q = queued(null);
    core.interactions.offer(q.id(), "ann");
    long before = core.events().size();

    Interaction back = core.interactions.noAnswer(q.id(), "ann");

    assertThat(back.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(back.queuedAt()).isEqualTo(q.queuedAt());
    assertThat(back.agent()).isNull();
    Agent ann = core.agents.find("ann").orElseThrow();
    assertThat(ann.state()).isEqualTo(AgentState.NOT_READY);
    assertThat(ann.reason()).isEqualTo("no-answer");
    List<SwitchboardEvent> events = core.events().subList((int) before, core.events().size());
    assertThat(events)
        .extracting(SwitchboardEvent::type)
        .containsExactly(EventTypes.AGENT_STATE_CHANGED, EventTypes.INTERACTION_DECLINED);
    assertThatThrownBy(() -> core.interactions.noAnswer(q.id(), "ann"))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void callbackKeepsThePlaceInLine() {
    Interaction q = queued(null);
    Interaction cb = core.interactions.requestCallback(q.id(), " +49 30 1234567 ");
    assertThat(cb.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(cb.queuedAt()).isEqualTo(q.queuedAt());
    assertThat(cb.attributes())
        .containsEntry(Attributes.CALLBACK_ADDRESS, "+49 30 1234567")
        .containsKey(Attributes.CALLBACK_REQUESTED_AT);
    assertThat(core.events().get(core.events().size() - 1).type())
        .isEqualTo(EventTypes.INTERACTION_CALLBACK_REQUESTED);
    assertThatThrownBy(() -> core.interactions.requestCallback(q.id(), " "))
        .isInstanceOf(ValidationException.class);
    core.interactions.abandon(q.id(), "gone");
    assertThatThrownBy(() -> core.interactions.requestCallback(q.id(), "+4930"))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void historyAndActiveListing() {
    core.agents.changeState("ann", AgentState.READY, "");
    Interaction first = queued("cust-1");
    core.interactions.offer(first.id(), "ann");
    core.interactions.accept(first.id(), "ann");
    core.interactions.complete(first.id(), new Disposition("resolved", ""));
    Interaction second = queued("cust-1");
    queued("cust-2");

    assertThat(core.interactions.history("cust-1", 10))
        .extracting(Interaction::id)
        .containsExactly(second.id(), first.id());
    List<Interaction> page1 = core.interactions.listActive(null, 1);
    List<Interaction> page2 = core.interactions.listActive(page1.get(0).id(), 10);
    assertThat(page1).hasSize(1);
    assertThat(page2).hasSize(1);
    assertThat(page1.get(0).id()).isLessThan(page2.get(0).id());
    assertThatThrownBy(() -> core.interactions.listActive(null, 0))
        .isInstanceOf(ValidationException.class);
  }
}
