package org.switchboard.acd.impl;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.switchboard.acd.strategies.LeastOccupied;
import org.switchboard.acd.strategies.LongestIdle;
import org.switchboard.acd.strategies.MostSkilled;
import org.switchboard.acd.strategies.RoundRobin;
import org.switchboard.acd.strategies.Sticky;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.impl.TestCore;

/** The real core on H2 with its event relay, and the router wired to it as DS would. */
final class RouterHarness implements AutoCloseable {
  final TestCore core = new TestCore().withRelay();
  final AcdStore store =
      new AcdStore(
          core.dataSource, new org.switchboard.platform.db.internal.FlywaySchemaMigrations());
  final StrategyRegistry strategies = new StrategyRegistry();
  final AcdRouter router;
  final AcdServiceImpl acd;

  RouterHarness(int staleAgentSeconds, int reconcileSeconds) {
    strategies.addStrategy(new LongestIdle());
    strategies.addStrategy(new MostSkilled());
    strategies.addStrategy(new LeastOccupied());
    strategies.addStrategy(new RoundRobin());
    strategies.addStrategy(new Sticky());
    router =
        new AcdRouter(
            core.interactions,
            core.agents,
            core.queues,
            store,
            strategies,
            config(staleAgentSeconds, reconcileSeconds),
            l -> {
              core.listen(l);
              return () -> {};
            });
    acd =
        new AcdServiceImpl(router, store, core.queues, core.skills, core.agents, core.interactions);
  }

  RouterHarness() {
    this(0, 30);
  }

  Agent readyAgent(String id, Map<ChannelType, Integer> capacity, SkillLevel... skills) {
    core.agents.create(new Agent(id, id, List.of(skills), null, capacity, null, null, null, 0));
    core.agents.login(id);
    return core.agents.changeState(id, AgentState.READY, "");
  }

  Interaction queued(String queue, String customer, Map<String, String> attributes) {
    Interaction i =
        core.interactions.open(
            new OpenInteraction(
                ChannelType.VOICE,
                null,
                Direction.INBOUND,
                "+4930123",
                "+4930999",
                customer,
                attributes));
    return core.interactions.enqueue(i.id(), QueueRequest.to(queue));
  }

  Interaction get(String id) {
    return core.interactions.find(id).orElseThrow();
  }

  /** Polls until the condition holds; fails after the timeout. */
  static void await(String what, Duration timeout, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  @Override
  public void close() throws Exception {
    router.stop();
    core.close();
  }

  private static AcdConfig config(int stale, int reconcile) {
    return new AcdConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return AcdConfig.class;
      }

      @Override
      public String[] blockingChannels() {
        return new String[] {"voice"};
      }

      @Override
      public int vipBoost() {
        return 20;
      }

      @Override
      public int staleAgentSeconds() {
        return stale;
      }

      @Override
      public int strategyGraceSeconds() {
        return 1;
      }

      @Override
      public int decisionRetentionDays() {
        return 90;
      }

      @Override
      public int reconcileSeconds() {
        return reconcile;
      }
    };
  }

  static Set<ChannelType> voice() {
    return Set.of(ChannelType.VOICE);
  }
}
