package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;

class ConcurrencyAndDurabilityTest {

  @Test
  void anInteractionIsNeverOfferedToTwoAgents() throws Exception {
    TestCore core = new TestCore();
    core.queue("support");
    for (int a = 0; a < 8; a++) {
      core.agents.create(
          new Agent(
              "a" + a,
              null,
              List.of(),
              null,
              Map.of(ChannelType.CHAT, 50, ChannelType.VOICE, 50),
              null,
              null,
              null,
              0));
      core.agents.login("a" + a);
      core.agents.changeState("a" + a, AgentState.READY, "");
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        String id = queued(core).id();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
          String agent = "a" + a;
          Callable<Boolean> offer =
              () -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                  core.interactions.offer(id, agent);
                  return true;
                } catch (IllegalTransitionException e) {
                  return false;
                }
              };
          results.add(pool.submit(offer));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
          winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
        assertThat(core.interactions.find(id).orElseThrow().state())
            .isEqualTo(InteractionState.OFFERED);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedTransactionLeavesNeitherChangeNorEvent() {
    TestCore core = new TestCore();
    long events = core.events().size();
    try {
      core.store.write(
          c -> {
            EventLog.append(c, "org.switchboard.test", "x", Json.object(), Rows.now());
            throw new IllegalStateException("fails after writing");
          });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("fails after writing");
    }
    assertThat(core.events()).hasSize((int) events);
  }

  @Test
  void queuedInteractionsSurviveARestart(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL";
    List<String> ids = new ArrayList<>();
    try (TestCore first = new TestCore(url)) {
      first.queue("support");
      for (int i = 0; i < 5; i++) {
        ids.add(queued(first).id());
      }
    }
    assertThat(Files.list(dir).count()).isPositive();
    try (TestCore second = new TestCore(url)) {
      for (String id : ids) {
        Interaction after = second.interactions.find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(InteractionState.QUEUED);
        assertThat(after.queue()).isEqualTo("support");
      }
    }
  }

  static Interaction queued(TestCore core) {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.CHAT, null, Direction.INBOUND, "v", "web", null, Map.of()));
    return core.interactions.enqueue(i.id(), QueueRequest.to("support"));
  }
}
