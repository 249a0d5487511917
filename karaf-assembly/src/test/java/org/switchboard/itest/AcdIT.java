package org.switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.Simulator;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.core.api.skill.SkillService;

/**
 * The ACD inside the distribution: routing real traffic to agents who answer (a bot driven by the
 * core's events), while the strategies bundle is updated and the router bundle restarted. Nothing
 * is lost, duplicated or misrouted, and no agent goes over capacity.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AcdIT extends SwitchboardTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CAPACITY = 2;

  @Test
  public void acdServicesAreRegistered() {
    assertNotNull(getService(AcdService.class, null));
    SimulationReport report =
        getService(Simulator.class, null)
            .run(
                new SimulationScenario(
                    7,
                    Duration.ofHours(8),
                    Duration.ofMinutes(30),
                    List.of(
                        new SimulationScenario.QueueLoad(
                            "q",
                            "voice",
                            600,
                            SimulationScenario.Distribution.exponential(Duration.ofSeconds(180)),
                            null,
                            50,
                            Duration.ofSeconds(20),
                            List.of(),
                            null)),
                    List.of(new SimulationScenario.AgentGroup(40, Map.of(), Map.of("voice", 1)))));
    assertTrue("answered " + report.total().answered(), report.total().answered() > 4000);
    assertTrue(
        "occupancy " + report.agentOccupancy(), Math.abs(report.agentOccupancy() - 0.75) < 0.05);
  }

  @Test
  public void hotSwapOfStrategiesAndRouterUnderTrafficLosesDuplicatesAndMisroutesNothing()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String skill = "acdit-" + run;
    String queue = "acdit-" + run;
    getService(SkillService.class, null).create(new Skill(skill, "ACD IT"));
    getService(QueueService.class, null)
        .create(
            new Queue(
                queue,
                queue,
                Set.of(ChannelType.CHAT),
                List.of(new SkillRequirement(skill, 5)),
                50,
                Duration.ofSeconds(20),
                80,
                null,
                null,
                0));
    Set<String> eligible = Set.of("ok1-" + run, "ok2-" + run, "ok3-" + run, "ok4-" + run);
    Set<String> ineligible = Set.of("low1-" + run, "low2-" + run);
    AgentService agents = getService(AgentService.class, null);
    for (String a : eligible) {
      readyAgent(agents, a, skill, 7);
    }
    for (String a : ineligible) {
      readyAgent(agents, a, skill, 3);
    }

    Bot bot = new Bot(queue);
    ServiceRegistration<EventListener> reg =
        bundleContext.registerService(EventListener.class, bot, null);
    TrafficClient traffic =
        new TrafficClient(bundleContext, queue, "acd-" + run + "-", Duration.ofMillis(15));
    Thread thread = new Thread(traffic, "itest-acd-traffic");
    thread.start();
    try {
      waitFor(TIMEOUT, () -> bot.closed.size() >= 20, "traffic routed before the swap");
      Bundle strategies = bundle("org.switchboard.acd.strategies");
      strategies.update();
      waitFor(TIMEOUT, () -> strategies.getState() == Bundle.ACTIVE, "strategies active again");
      int afterUpdate = bot.closed.size();
      waitFor(TIMEOUT, () -> bot.closed.size() >= afterUpdate + 20, "routing after the update");
      Bundle router = bundle("org.switchboard.acd.impl");
      router.stop();
      int whileStopped = traffic.completed();
      waitFor(TIMEOUT, () -> traffic.completed() >= whileStopped + 10, "arrivals while stopped");
      router.start();
      int afterRestart = bot.closed.size();
      waitFor(TIMEOUT, () -> bot.closed.size() >= afterRestart + 20, "routing after the restart");
      router.update();
      int afterRouterUpdate = bot.closed.size();
      waitFor(TIMEOUT, () -> bot.closed.size() >= afterRouterUpdate + 20, "after router update");
    } finally {
      traffic.stop();
      thread.join(TIMEOUT.toMillis());
    }
    assertTrue("traffic client failed: " + traffic.failure(), traffic.failure() == null);
    int arrived = traffic.completed();
    waitFor(TIMEOUT, () -> bot.closed.size() >= arrived, "every interaction served and closed");
    reg.unregister();
    bot.stop();

    assertEquals("no bot errors: " + bot.errors, List.of(), bot.errors);
    assertEquals("each interaction closed once", arrived, bot.closed.size());
    Map<String, Integer> offers = new HashMap<>();
    Map<String, Integer> held = new HashMap<>();
    for (Offer o : bot.offers) {
      offers.merge(o.interaction, 1, Integer::sum);
      assertTrue("misrouted " + o.interaction + " to " + o.agent, eligible.contains(o.agent));
    }
    assertEquals("every interaction offered", arrived, offers.size());
    assertTrue(
        "no interaction offered twice: " + offers, offers.values().stream().allMatch(n -> n == 1));
    for (String[] step : bot.occupancy) {
      held.merge(step[0], Integer.parseInt(step[1]), Integer::sum);
      assertTrue("agent " + step[0] + " over capacity", held.get(step[0]) <= CAPACITY);
    }
    AcdService acd = getService(AcdService.class, null);
    String some = bot.offers.get(bot.offers.size() / 2).interaction;
    // Decisions are written behind the router; on a loaded machine the write may take longer than
    // one flush waits, so wait for it (bounded) instead of reading once.
    waitFor(
        TIMEOUT, () -> !acd.decisionsFor(some).isEmpty(), "the decision of " + some + " stored");
    List<Decision> why = acd.decisionsFor(some);
    assertEquals(Decision.Kind.OFFER, why.get(0).kind());
  }

  private void readyAgent(AgentService agents, String id, String skill, int level) {
    agents.create(
        new Agent(
            id,
            id,
            List.of(new SkillLevel(skill, level)),
            null,
            Map.of(ChannelType.CHAT, CAPACITY),
            null,
            null,
            null,
            0));
    agents.login(id);
    agents.changeState(id, AgentState.READY, "");
  }

  private record Offer(String interaction, String agent) {}

  /**
   * Agents who answer: on every offer of the test's queue, accepts, ends and completes it on a
   * worker thread (listeners must return quickly). Records offers and occupancy changes in event
   * order.
   */
  private final class Bot implements EventListener {
    final String queue;
    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<String[]> occupancy = new CopyOnWriteArrayList<>();
    final Set<String> closed = ConcurrentHashMap.newKeySet();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final ExecutorService workers = Executors.newFixedThreadPool(4);
    final ServiceTracker<InteractionService, InteractionService> core =
        new ServiceTracker<>(bundleContext, InteractionService.class, null);

    Bot(String queue) {
      this.queue = queue;
      core.open();
    }

    @Override
    public void onEvent(SwitchboardEvent e) {
      JsonNode i;
      try {
        i = JSON.readTree(e.data()).path("interaction");
      } catch (IOException ex) {
        errors.add("unreadable event " + e.id());
        return;
      }
      if (!queue.equals(i.path("queue").asText())) {
        return;
      }
      String id = e.subject();
      String agent = i.path("agent").asText();
      switch (e.type()) {
        case EventTypes.INTERACTION_OFFERED -> {
          offers.add(new Offer(id, agent));
          occupancy.add(new String[] {agent, "1"});
          workers.execute(() -> answer(id, agent));
        }
        case EventTypes.INTERACTION_COMPLETED -> {
          occupancy.add(new String[] {agent, "-1"});
          closed.add(id);
        }
        case EventTypes.INTERACTION_DECLINED ->
            errors.add("unexpected decline of " + id + " by " + agent);
        default -> {}
      }
    }

    private void answer(String id, String agent) {
      try {
        InteractionService s = core.waitForService(5000);
        s.accept(id, agent);
        s.endConversation(id);
        s.complete(id, new Disposition("resolved", ""));
      } catch (SwitchboardException ex) {
        errors.add(id + ": " + ex.getMessage());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    }

    void stop() throws InterruptedException {
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
      core.close();
    }
  }
}
