package org.switchboard.reports.engine;

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
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.Wallboard;

class BoardModelTest {
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

    QueueFigures today =
        QueueMetrics.of(
            List.of(
                visit(Duration.ofSeconds(10)),
                visit(Duration.ofSeconds(40)),
                visit(Duration.ofSeconds(50))),
            MetricSettings.DEFAULT);
    Wallboard board =
        BoardModel.of(
            List.of(billing),
            List.of(expert, novice, away),
            open,
            Map.of("billing", today),
            NOW,
            NOW.minusSeconds(36000),
            new BoardModel.Thresholds(2, 60));

    Wallboard.QueueBoard q = board.queues().get(0);
    assertThat(q.waiting()).isEqualTo(2);
    assertThat(q.longestWaitSeconds()).isEqualTo(90);
    assertThat(q.agents())
        .containsExactlyInAnyOrderEntriesOf(Map.of(AgentState.READY, 1, AgentState.NOT_READY, 1));
    assertThat(board.agents())
        .extracting(Wallboard.AgentBoard::activeInteractions)
        .containsExactly(1, 0, 0);
    assertThat(q.today().offered()).isEqualTo(3);
    assertThat(q.serviceLevelTarget()).isEqualTo(0.8);
    // 2 waiting (alert at 2), 90 s longest (alert at 60), SL 1/3 under the 80 % target.
    assertThat(q.alerts()).containsExactly("waiting", "longestWait", "serviceLevel");
    assertThat(board.alerts()).contains("billing: serviceLevel");
  }

  @Test
  void aQueueWithNothingTodayHasNoFiguresAndNoAlerts() {
    Queue quiet =
        new Queue(
            "quiet",
            "Quiet",
            Set.of(ChannelType.CHAT),
            List.of(),
            10,
            Duration.ofSeconds(20),
            80,
            null,
            null,
            1);
    Wallboard board =
        BoardModel.of(
            List.of(quiet),
            List.of(),
            List.of(),
            Map.of(),
            NOW,
            NOW,
            new BoardModel.Thresholds(2, 60));
    assertThat(board.queues().get(0).today().offered()).isZero();
    assertThat(board.queues().get(0).today().serviceLevel()).isNull();
    assertThat(board.alerts()).isEmpty();
  }

  private static QueueVisit visit(Duration wait) {
    Instant q = NOW.minusSeconds(3600);
    return new QueueVisit(
        "v" + wait.toSeconds(),
        1,
        "chat",
        "billing",
        null,
        q,
        null,
        q.plus(wait),
        "ann",
        q.plus(wait).plusSeconds(60),
        q.plus(wait).plusSeconds(70),
        QueueVisit.Outcome.ANSWERED,
        Duration.ZERO,
        0,
        null);
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
