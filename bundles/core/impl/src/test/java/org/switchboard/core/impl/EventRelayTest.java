package org.switchboard.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.platform.broker.BrokerMessage;

class EventRelayTest {

  @Test
  void publishesEveryEventInOrderAsCloudEventsAndSurvivesBrokerFailures() throws Exception {
    try (TestCore core = new TestCore()) {
      core.publisher.failuresLeft.set(3);
      List<SwitchboardEvent> delivered = new CopyOnWriteArrayList<>();
      core.withRelay();
      core.relay.addListener(delivered::add);
      core.queue("support");
      for (int i = 0; i < 30; i++) {
        ConcurrencyAndDurabilityTest.queued(core);
      }
      int total = core.events().size();
      await(() -> core.publisher.published.size() >= total, "all events published");
      await(() -> delivered.size() >= total, "all events delivered to listeners");

      List<JsonNode> published =
          core.publisher.published.stream().map(EventRelayTest::json).toList();
      assertThat(published).hasSize(total);
      for (int k = 0; k < total; k++) {
        assertThat(published.get(k).path("sequence").asLong()).isEqualTo(k + 1);
      }
      JsonNode queued = published.get(2);
      assertThat(queued.path("specversion").asText()).isEqualTo("1.0");
      assertThat(queued.path("source").asText()).isEqualTo(EventTypes.SOURCE);
      assertThat(queued.path("type").asText()).isEqualTo(EventTypes.INTERACTION_QUEUED);
      assertThat(queued.path("data").path("interaction").path("state").asText())
          .isEqualTo("QUEUED");
      assertThat(queued.path("data").path("interaction").path("channel").asText())
          .isEqualTo("chat");
      BrokerMessage first = core.publisher.published.get(0);
      assertThat(first.contentType()).isEqualTo("application/cloudevents+json");
      assertThat(first.properties()).containsKeys("ce_type", "ce_subject", "ce_id");
      await(() -> storedCursor(core) == total, "the stored cursor at the last event");
    }
  }

  @Test
  void theBrokersCursorIsStoredWhenTheRelayStopsSoARestartRepublishesNothing() throws Exception {
    try (TestCore core = new TestCore()) {
      core.withRelay();
      core.queue("support");
      for (int i = 0; i < 5; i++) {
        ConcurrencyAndDurabilityTest.queued(core);
      }
      int total = core.events().size();
      await(() -> core.publisher.published.size() >= total, "all events published");
      core.relay.stop();
      assertThat(storedCursor(core)).isEqualTo(total);

      core.publisher.published.clear();
      core.withRelay();
      ConcurrencyAndDurabilityTest.queued(core);
      int after = core.events().size();
      await(() -> core.publisher.published.size() >= after - total, "the new events published");
      assertThat(core.publisher.published.stream().map(m -> json(m).path("sequence").asLong()))
          .as("after the restart only the events that came after the stop")
          .allMatch(seq -> seq > total);
    }
  }

  private static long storedCursor(TestCore core) {
    return core.store.read(c -> EventLog.cursor(c, EventRelay.CURSOR));
  }

  @Test
  void listenersKeepGettingEventsWhileTheBrokerIsDownAndTheBrokerGetsEachOnceAfterwards()
      throws Exception {
    try (TestCore core = new TestCore()) {
      core.publisher.down.set(true);
      List<SwitchboardEvent> delivered = new CopyOnWriteArrayList<>();
      core.withRelay();
      core.relay.addListener(delivered::add);
      core.queue("support");
      for (int i = 0; i < 10; i++) {
        ConcurrencyAndDurabilityTest.queued(core);
      }
      int total = core.events().size();
      await(() -> delivered.size() >= total, "every event delivered in-process, broker down");
      assertThat(core.publisher.published).isEmpty();
      assertThat(delivered).extracting(SwitchboardEvent::sequence).doesNotHaveDuplicates();

      core.publisher.down.set(false);
      await(() -> core.publisher.published.size() >= total, "every event published after");
      List<Long> sequences =
          core.publisher.published.stream().map(m -> json(m).path("sequence").asLong()).toList();
      assertThat(sequences).hasSize(total).isSorted().doesNotHaveDuplicates();
      assertThat(delivered).hasSize(total);
    }
  }

  @Test
  void aListenerThatLooksTheInteractionUpSeesTheStateItsEventAnnounces() throws Exception {
    try (TestCore core = new TestCore()) {
      core.withRelay();
      core.queue("support");
      List<String> stale = new CopyOnWriteArrayList<>();
      AtomicInteger seen = new AtomicInteger();
      core.relay.addListener(
          e -> {
            if (!e.type().startsWith("org.switchboard.interaction.")) {
              return;
            }
            long announced = json(e.data()).path("interaction").path("version").asLong();
            long found = core.interactions.find(e.subject()).orElseThrow().version();
            if (found < announced) {
              stale.add(e.type() + " v" + announced + " but found v" + found);
            }
            seen.incrementAndGet();
          });
      ExecutorService writers = Executors.newFixedThreadPool(4);
      try {
        for (int k = 0; k < 200; k++) {
          writers.execute(() -> ConcurrencyAndDurabilityTest.queued(core));
        }
      } finally {
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      }
      await(() -> seen.get() >= 400, "every interaction event delivered");
      assertThat(stale).isEmpty();
    }
  }

  @Test
  void theRelayWaitsForAWriteThatHasCommittedButNotFinished() throws Exception {
    try (TestCore core = new TestCore()) {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () ->
                  core.store.write(
                      c -> {
                        inside.countDown();
                        try {
                          return release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                      }));
      writer.start();
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(core.store.awaitWritesBegun(Duration.ofMillis(200))).isFalse();
      release.countDown();
      assertThat(core.store.awaitWritesBegun(Duration.ofSeconds(10))).isTrue();
      writer.join(10_000);
    }
  }

  private static JsonNode json(String data) {
    try {
      return Json.MAPPER.readTree(data);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode json(BrokerMessage m) {
    try {
      return Json.MAPPER.readTree(new String(m.body(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("timed out waiting for " + what).isBefore(end);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
