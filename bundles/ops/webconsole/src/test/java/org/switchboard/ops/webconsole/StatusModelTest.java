package org.switchboard.ops.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;

class StatusModelTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void countsWaitingWorkLongestWaitStaffingAndAgentLoad() {
    Queue billing =
        new Queue(
            "billing",
            "Billing",
            Set.of(ChannelType.CHAT),
            List.of(new SkillRequirement("billing", 5)),
            10,
            Duration.ofSeconds(20),
            80,
            null,
            null,
            1);
    Agent expert = agent("ann", AgentState.READY, 7);
    Agent novice = agent("bob", AgentState.READY, 2);
    Agent away = agent("cy", AgentState.NOT_READY, 9);
    List<Interaction> open =
        List.of(
            interaction("i1", InteractionState.QUEUED, null, NOW.minusSeconds(90)),
            interaction("i2", InteractionState.QUEUED, null, NOW.minusSeconds(30)),
            interaction("i3", InteractionState.CONNECTED, "ann", NOW.minusSeconds(300)));

    StatusModel model = StatusModel.of(List.of(billing), List.of(expert, novice, away), open, NOW);

    StatusModel.QueueStatus q = model.queues().get(0);
    assertThat(q.waiting()).isEqualTo(2);
    assertThat(q.longestWaitSeconds()).isEqualTo(90);
    assertThat(q.agents())
        .containsExactlyInAnyOrderEntriesOf(Map.of(AgentState.READY, 1, AgentState.NOT_READY, 1));
    assertThat(model.agents())
        .extracting(StatusModel.AgentStatus::activeInteractions)
        .containsExactly(1, 0, 0);
  }

  private static Agent agent(String id, AgentState state, int billingLevel) {
    return new Agent(
        id,
        id,
        List.of(new SkillLevel("billing", billingLevel)),
        Set.of(),
        Map.of(),
        state,
        "",
        NOW,
        1);
  }

  private static Interaction interaction(
      String id, InteractionState state, String agent, Instant queuedAt) {
    return new Interaction(
        id,
        ChannelType.CHAT,
        null,
        Direction.INBOUND,
        "v",
        "web",
        null,
        "billing",
        10,
        List.of(),
        Map.of(),
        state,
        agent,
        null,
        queuedAt,
        queuedAt,
        null,
        null,
        queuedAt,
        1);
  }
}
