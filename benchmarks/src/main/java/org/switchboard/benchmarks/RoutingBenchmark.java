package org.switchboard.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.RoutingStrategy;
import org.switchboard.acd.impl.engine.Assignment;
import org.switchboard.acd.impl.engine.QueueRules;
import org.switchboard.acd.impl.engine.RoutingEngine;
import org.switchboard.acd.impl.engine.WaitingContact;
import org.switchboard.acd.strategies.LongestIdle;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * Routing decisions per second and their latency in a large steady state: 10,000 agents with 5 of
 * 500 skills each, 500 queues (one skill each), all agents busy and 10,000 interactions waiting.
 * One operation = an agent finishes, the router picks the next interaction for them (one decision,
 * with its stored explanation), and a new interaction arrives. The same work through a naive
 * matcher that scans every waiting interaction and every agent per decision is measured in the same
 * run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RoutingBenchmark} (throughput and
 * sample-time modes; sample time prints p50/p99/p99.9).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
  static final int AGENTS = 10_000;
  static final int SKILLS = 500;
  static final int WAITING = 10_000;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Scenario scenario;
  private RoutingEngine engine;
  private Naive naive;
  private String[] engineHeld;
  private String[] naiveHeld;
  private Instant now;
  private int nextAgent;
  private long nextContact;

  /** The generated population, identical for both matchers. */
  static final class Scenario {
    final Map<String, Integer>[] agentSkills;
    final SplittableRandom random = new SplittableRandom(42);

    @SuppressWarnings("unchecked")
    Scenario() {
      agentSkills = new Map[AGENTS];
      for (int a = 0; a < AGENTS; a++) {
        Map<String, Integer> skills = new HashMap<>();
        while (skills.size() < 5) {
          skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
        }
        agentSkills[a] = skills;
      }
    }

    WaitingContact contact(long n, Instant at) {
      SplittableRandom r = new SplittableRandom(n * 7919 + 1);
      return new WaitingContact(
          "i" + n,
          "voice",
          "q" + r.nextInt(SKILLS),
          new int[] {10, 50, 90}[r.nextInt(3)],
          List.of(),
          at,
          null,
          null,
          false,
          null);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    scenario = new Scenario();
    RoutingStrategy longestIdle = new LongestIdle();
    engine = new RoutingEngine(id -> longestIdle, Set.of("voice"), true);
    naive = new Naive(scenario);
    for (int q = 0; q < SKILLS; q++) {
      engine.putQueue(
          new QueueRules(
              "q" + q,
              Set.of("voice"),
              List.of(new SkillRequirement("s" + q, 1)),
              Duration.ofSeconds(20),
              null,
              null,
              RoutingPolicy.defaults("q" + q)));
    }
    for (int a = 0; a < AGENTS; a++) {
      engine.putAgent("a" + a, scenario.agentSkills[a], Map.of("voice", 1), true, true, T0);
    }
    engineHeld = new String[AGENTS];
    naiveHeld = new String[AGENTS];
    now = T0;
    // Fill: arrivals until every agent is busy, then 10,000 more that must wait.
    int busy = 0;
    while (busy < AGENTS || engine.waitingCount() < WAITING) {
      WaitingContact c = scenario.contact(nextContact++, now = now.plusMillis(1));
      engine.enqueue(c);
      for (Assignment as : engine.route(now)) {
        engineHeld[index(as.agentId())] = as.contact().interactionId();
        busy++;
      }
    }
    // The naive matcher starts from the same state (filling it through its own scans would take
    // hours: that is the point of the comparison).
    for (int a = 0; a < AGENTS; a++) {
      naive.busy[a] = true;
      naiveHeld[a] = engineHeld[a];
    }
    for (int q = 0; q < SKILLS; q++) {
      engine.line("q" + q).forEach(naive::enqueue);
    }
  }

  private static int index(String agentId) {
    return Integer.parseInt(agentId.substring(1));
  }

  /** One decision through the engine: an agent frees up, gets the next interaction, one arrives. */
  @Benchmark
  public Object engineDecision() {
    int a = nextAgent++ % AGENTS;
    now = now.plusMillis(1);
    engine.release(engineHeld[a], now);
    List<Assignment> as = engine.route(now);
    for (Assignment x : as) {
      engineHeld[index(x.agentId())] = x.contact().interactionId();
    }
    engine.enqueue(scenario.contact(nextContact++, now));
    engine.route(now); // the arrival finds no free agent: all are busy again
    return as;
  }

  /** The same operation through the naive scan-everything matcher. */
  @Benchmark
  public Object naiveDecision() {
    int a = nextAgent++ % AGENTS;
    now = now.plusMillis(1);
    naive.release(a, naiveHeld[a], now);
    String[] m = naive.match(now);
    if (m != null) {
      naiveHeld[index(m[1])] = m[0];
    }
    naive.enqueue(scenario.contact(nextContact++, now));
    naive.match(now);
    return m;
  }

  /**
   * Scan-everything matcher: for each decision, the best waiting interaction (priority, then wait)
   * that has any free eligible agent, and among those agents the one idle longest.
   */
  static final class Naive {
    private final Scenario scenario;
    private final List<WaitingContact> waiting = new ArrayList<>();
    final boolean[] busy = new boolean[AGENTS];
    private final Instant[] idleSince = new Instant[AGENTS];

    Naive(Scenario scenario) {
      this.scenario = scenario;
      java.util.Arrays.fill(idleSince, T0);
    }

    void enqueue(WaitingContact c) {
      waiting.add(c);
    }

    void release(int agent, String interaction, Instant at) {
      busy[agent] = false;
      idleSince[agent] = at;
    }

    /** One assignment {interaction, agent}, or null. */
    String[] match(Instant at) {
      WaitingContact best = null;
      int bestAgent = -1;
      for (WaitingContact c : waiting) {
        if (best != null
            && (c.priority() < best.priority()
                || (c.priority() == best.priority() && !c.queuedAt().isBefore(best.queuedAt())))) {
          continue;
        }
        String skill = "s" + c.queue().substring(1);
        int agent = -1;
        for (int a = 0; a < AGENTS; a++) {
          if (!busy[a]
              && scenario.agentSkills[a].getOrDefault(skill, 0) >= 1
              && (agent < 0 || idleSince[a].isBefore(idleSince[agent]))) {
            agent = a;
          }
        }
        if (agent >= 0) {
          best = c;
          bestAgent = agent;
        }
      }
      if (best == null) {
        return null;
      }
      waiting.remove(best);
      busy[bestAgent] = true;
      idleSince[bestAgent] = at;
      return new String[] {best.interactionId(), "a" + bestAgent};
    }
  }
}
