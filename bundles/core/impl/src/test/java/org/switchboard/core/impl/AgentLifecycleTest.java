package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillLevel;

class AgentLifecycleTest {
  private final TestCore core = new TestCore();

  private Agent agent(String id) {
    return core.agents.create(
        new Agent(
            id,
            "Agent " + id,
            List.of(new SkillLevel("billing", 7)),
            null,
            Map.of(ChannelType.CHAT, 3),
            null,
            null,
            null,
            0));
  }

  @Test
  void agentsMoveOnlyAlongTheStateMachine() {
    core.skills.create(new Skill("billing", "Invoices"));
    Agent a = agent("ann");
    assertThat(a.state()).isEqualTo(AgentState.LOGGED_OUT);
    assertThatThrownBy(() -> core.agents.changeState("ann", AgentState.READY, ""))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("log in first");
    assertThat(core.agents.login("ann").state()).isEqualTo(AgentState.NOT_READY);
    assertThatThrownBy(() -> core.agents.login("ann"))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(core.agents.changeState("ann", AgentState.READY, "").state())
        .isEqualTo(AgentState.READY);
    assertThatThrownBy(() -> core.agents.changeState("ann", AgentState.NOT_READY, " "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("reason");
    Agent onBreak = core.agents.changeState("ann", AgentState.NOT_READY, "break");
    assertThat(onBreak.reason()).isEqualTo("break");
    assertThatThrownBy(() -> core.agents.changeState("ann", AgentState.LOGGED_OUT, ""))
        .isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> core.agents.delete("ann"))
        .isInstanceOf(IllegalTransitionException.class);
    core.agents.logout("ann", "end of shift");
    core.agents.delete("ann");
    assertThat(core.agents.find("ann")).isEmpty();
  }

  @Test
  void profilesReferToExistingSkillsAndSkillsInUseCannotBeDeleted() {
    assertThatThrownBy(() -> agent("bob"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("billing");
    core.skills.create(new Skill("billing", ""));
    Agent bob = agent("bob");
    assertThat(core.agents.find("bob").orElseThrow().skills())
        .containsExactly(new SkillLevel("billing", 7));
    assertThatThrownBy(() -> core.skills.delete("billing")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> agent("bob")).isInstanceOf(ConflictException.class);
    Agent renamed =
        core.agents.update(
            new Agent("bob", "Robert", List.of(), null, Map.of(), null, null, null, bob.version()));
    assertThat(renamed.displayName()).isEqualTo("Robert");
    assertThatThrownBy(
            () ->
                core.agents.update(
                    new Agent(
                        "bob",
                        "Bobby",
                        List.of(),
                        null,
                        Map.of(),
                        null,
                        null,
                        null,
                        bob.version())))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("changed by someone else");
    core.skills.delete("billing");
  }

  @Test
  void logoutReturnsOffersAndIsRefusedWhileConnected() {
    core.queue("support");
    core.agents.create(
        new Agent("cy", "Cy", List.of(), null, Map.of(ChannelType.CHAT, 3), null, null, null, 0));
    core.agents.login("cy");
    core.agents.changeState("cy", AgentState.READY, "");
    Interaction offered = open();
    core.interactions.offer(offered.id(), "cy");
    Interaction connected = open();
    core.interactions.offer(connected.id(), "cy");
    core.interactions.accept(connected.id(), "cy");

    assertThatThrownBy(() -> core.agents.logout("cy", "shift"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("1 connected");
    core.interactions.endConversation(connected.id());
    core.agents.logout("cy", "shift");
    Interaction back = core.interactions.find(offered.id()).orElseThrow();
    assertThat(back.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(back.queuedAt()).isEqualTo(offered.queuedAt());
  }

  @Test
  void aProfileChangeOrDeletionIsStampedWhenItHappensNotWhenTheStateBegan() {
    core.skills.create(new Skill("billing", ""));
    Agent a = agent("dee");
    java.time.Instant stateBegan = a.stateSince();
    java.time.Instant before = afterTheClockMovesPast(stateBegan);
    core.agents.update(
        new Agent("dee", "Dee", a.skills(), null, a.capacity(), null, null, null, a.version()));
    core.agents.delete("dee");

    List<SwitchboardEvent> changes =
        core.events().stream()
            .filter(e -> e.subject().equals("dee"))
            .filter(
                e ->
                    e.type().equals(EventTypes.AGENT_UPDATED)
                        || e.type().equals(EventTypes.AGENT_DELETED))
            .toList();
    assertThat(changes).hasSize(2);
    assertThat(changes).allSatisfy(e -> assertThat(e.time()).isAfterOrEqualTo(before));
  }

  /** The time now, once it is later than {@code t} at the database's microsecond precision. */
  private static java.time.Instant afterTheClockMovesPast(java.time.Instant t) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      java.time.Instant now = Rows.now();
      if (now.isAfter(t)) {
        return now;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the clock did not move past " + t + " within 5 s");
  }

  private Interaction open() {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, null, Direction.INBOUND, "v", "web", null, Map.of()));
    return core.interactions.enqueue(i.id(), QueueRequest.to("support"));
  }
}
