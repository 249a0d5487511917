package org.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/**
 * The core inside the real distribution: services registered, health, the interaction lifecycle
 * with its CloudEvents on the broker, refused transitions, and hot swap of the core bundle under
 * traffic.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreIT extends SwitchboardTestSupport {
  private static final String CORE_IMPL = "org.switchboard.core.impl";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void coreServicesAreRegisteredAndHealthy() {
    assertNotNull(getService(InteractionService.class, null));
    assertNotNull(getService(QueueService.class, null));
    assertNotNull(getService(org.switchboard.core.api.agent.AgentService.class, null));
    assertNotNull(getService(org.switchboard.core.api.skill.SkillService.class, null));
    waitFor(
        TIMEOUT,
        () -> healthOf().keySet().containsAll(Set.of("db", "broker", "core")),
        "db, broker and core health indicators");
    waitFor(
        TIMEOUT,
        () -> healthOf().values().stream().allMatch(h -> h.status() == Health.Status.UP),
        "all components UP: " + healthOf());
  }

  @Test
  public void openedInteractionIsQueuedAndItsEventsArriveAsCloudEvents() throws Exception {
    String queue = createQueue();
    InteractionService interactions = getService(InteractionService.class, null);
    try (EventTap tap = new EventTap(port(ARTEMIS_CORE_PORT), EventTypes.ADDRESS)) {
      Interaction opened = interactions.open(chat("cloudevents-" + UUID.randomUUID()));
      Interaction queued = interactions.enqueue(opened.id(), QueueRequest.to(queue));
      assertEquals(InteractionState.QUEUED, queued.state());

      EventTap.Received event = tap.await(opened.id(), EventTypes.INTERACTION_QUEUED, TIMEOUT);
      assertEquals("application/cloudevents+json", event.contentType());
      JsonNode ce = JSON.readTree(event.body());
      assertEquals("1.0", ce.path("specversion").asText());
      assertEquals(EventTypes.INTERACTION_QUEUED, ce.path("type").asText());
      assertEquals(EventTypes.SOURCE, ce.path("source").asText());
      assertEquals(opened.id(), ce.path("subject").asText());
      assertTrue("CloudEvents id present", !ce.path("id").asText().isEmpty());
      assertTrue("CloudEvents time present", !ce.path("time").asText().isEmpty());
      assertEquals("QUEUED", ce.path("data").path("interaction").path("state").asText());
      assertEquals(queue, ce.path("data").path("interaction").path("queue").asText());
    }
  }

  @Test
  public void illegalTransitionIsRefusedAndChangesNothing() {
    String queue = createQueue();
    InteractionService interactions = getService(InteractionService.class, null);
    Interaction queued =
        interactions.enqueue(
            interactions.open(chat("illegal-" + UUID.randomUUID())).id(), QueueRequest.to(queue));
    try {
      interactions.accept(queued.id(), "agent1");
      fail("accepting an interaction that was never offered must be refused");
    } catch (IllegalTransitionException e) {
      assertEquals("QUEUED", e.currentState());
      assertEquals("accept", e.operation());
    }
    Interaction after = interactions.find(queued.id()).orElseThrow();
    assertEquals(InteractionState.QUEUED, after.state());
    assertEquals(queued.version(), after.version());
  }

  /**
   * Updates and then restarts the core bundle while interactions wait and a client keeps opening
   * more (retrying with the same channel reference when the core is away). Afterwards every
   * interaction is still there, queued, exactly once.
   */
  @Test
  public void hotSwapOfCoreLosesAndDuplicatesNothing() throws Exception {
    String queue = createQueue();
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      InteractionService s = getService(InteractionService.class, null);
      waiting.add(
          s.enqueue(s.open(chat("waiting-" + UUID.randomUUID())).id(), QueueRequest.to(queue))
              .id());
    }
    String run = UUID.randomUUID().toString();
    TrafficClient traffic = new TrafficClient(bundleContext, queue, "swap-" + run + "-");
    Thread thread = new Thread(traffic, "itest-traffic");
    thread.start();
    try {
      waitFor(TIMEOUT, () -> traffic.completed() >= 10, "traffic before the swap");
      Bundle core = bundle(CORE_IMPL);
      core.update();
      waitFor(TIMEOUT, () -> core.getState() == Bundle.ACTIVE, "core bundle active after update");
      int afterUpdate = traffic.completed();
      waitFor(TIMEOUT, () -> traffic.completed() >= afterUpdate + 10, "traffic after the update");
      core.stop();
      core.start();
      int afterRestart = traffic.completed();
      waitFor(TIMEOUT, () -> traffic.completed() >= afterRestart + 10, "traffic after the restart");
    } finally {
      traffic.stop();
      thread.join(TIMEOUT.toMillis());
    }
    assertTrue("traffic client failed: " + traffic.failure(), traffic.failure() == null);

    InteractionService s = getService(InteractionService.class, null);
    List<Interaction> inQueue = queuedIn(s, queue);
    Map<String, Interaction> byId =
        inQueue.stream().collect(Collectors.toMap(Interaction::id, Function.identity()));
    assertTrue("every waiting interaction survived", byId.keySet().containsAll(waiting));
    Map<String, Long> perRef =
        inQueue.stream()
            .filter(i -> i.channelRef() != null && i.channelRef().startsWith("swap-" + run))
            .collect(Collectors.groupingBy(Interaction::channelRef, Collectors.counting()));
    assertEquals("one interaction per opened contact", traffic.completed(), perRef.size());
    assertTrue("no duplicates: " + perRef, perRef.values().stream().allMatch(n -> n == 1));
    assertEquals(waiting.size() + traffic.completed(), inQueue.size());
  }

  /** Every interaction queued in {@code queue}, however many: a run can open more than a page. */
  private static List<Interaction> queuedIn(InteractionService s, String queue) {
    List<Interaction> queued = new ArrayList<>();
    String after = null;
    List<Interaction> page;
    do {
      page = s.listActive(after, InteractionQuery.MAX_LIMIT);
      page.stream()
          .filter(i -> i.state() == InteractionState.QUEUED && queue.equals(i.queue()))
          .forEach(queued::add);
      after = page.isEmpty() ? after : page.get(page.size() - 1).id();
    } while (page.size() == InteractionQuery.MAX_LIMIT);
    return queued;
  }

  private Map<String, Health> healthOf() {
    try {
      Collection<ServiceReference<HealthIndicator>> refs =
          bundleContext.getServiceReferences(HealthIndicator.class, null);
      return refs.stream()
          .map(bundleContext::getService)
          .collect(
              Collectors.toMap(HealthIndicator::component, HealthIndicator::check, (a, b) -> a));
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private String createQueue() {
    String id = "itest-" + UUID.randomUUID().toString().substring(0, 8);
    getService(QueueService.class, null)
        .create(
            new Queue(
                id,
                "IT " + id,
                Set.of(ChannelType.CHAT, ChannelType.VOICE),
                List.of(),
                50,
                Duration.ofSeconds(20),
                80,
                null,
                null,
                0));
    return id;
  }

  static OpenInteraction chat(String channelRef) {
    return new OpenInteraction(
        ChannelType.CHAT,
        channelRef,
        Direction.INBOUND,
        "visitor-" + channelRef,
        "web",
        null,
        Map.of());
  }
}
