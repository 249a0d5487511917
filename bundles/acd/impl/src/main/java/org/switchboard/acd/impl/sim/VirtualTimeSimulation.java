package org.switchboard.acd.impl.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.SimulationScenario.AgentGroup;
import org.switchboard.acd.api.SimulationScenario.Distribution;
import org.switchboard.acd.api.SimulationScenario.QueueLoad;
import org.switchboard.acd.impl.engine.Assignment;
import org.switchboard.acd.impl.engine.QueueRules;
import org.switchboard.acd.impl.engine.RoutingEngine;
import org.switchboard.acd.impl.engine.StrategyResolver;
import org.switchboard.acd.impl.engine.WaitingContact;
import org.switchboard.core.api.ValidationException;

/**
 * A discrete-event simulation of a contact center around the real {@link RoutingEngine}: the clock
 * jumps from event to event (arrival, abandonment, end of handling, engine timer), so a day of
 * traffic takes milliseconds and nothing sleeps. Agents answer every offer at once; their handle
 * time includes wrap-up.
 */
public final class VirtualTimeSimulation {
  private static final Instant START = Instant.EPOCH;

  private final SimulationScenario scenario;
  private final RoutingEngine engine;
  private final SplittableRandom random;
  private final PriorityQueue<Event> events = new PriorityQueue<>();
  private final Map<String, Contact> contacts = new HashMap<>();
  private final QueueStats[] stats;
  private final QueueStats total = new QueueStats("*", 0);
  private final double end;
  private final double warmUp;
  private long seq;
  private long processed;
  private double now;
  private double scheduledTimer = Double.NaN;
  private double busySlots;
  private double busyIntegral;
  private double lastChange;
  private int agentCount;

  private enum Kind {
    ARRIVAL,
    ABANDON,
    END,
    TIMER
  }

  private record Event(double at, long seq, Kind kind, int queue, String contact)
      implements Comparable<Event> {
    @Override
    public int compareTo(Event o) {
      int c = Double.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class Contact {
    final int queue;
    final double arrivedAt;
    final boolean counted;

    Contact(int queue, double arrivedAt, boolean counted) {
      this.queue = queue;
      this.arrivedAt = arrivedAt;
      this.counted = counted;
    }
  }

  private VirtualTimeSimulation(SimulationScenario scenario, StrategyResolver strategies) {
    this.scenario = scenario;
    this.engine = new RoutingEngine(strategies, Set.of("voice"), false);
    this.random = new SplittableRandom(scenario.seed());
    this.end = scenario.length().toNanos() / 1e9;
    this.warmUp = scenario.warmUp().toNanos() / 1e9;
    this.stats = new QueueStats[scenario.queues().size()];
  }

  /** Runs a scenario to the end and reports what happened after the warm-up. */
  public static SimulationReport run(SimulationScenario scenario, StrategyResolver strategies) {
    for (QueueLoad q : scenario.queues()) {
      String strategy = policy(q).strategy();
      if (strategies.resolve(strategy) == null) {
        throw new ValidationException(
            "queues." + q.queue() + ".policy.strategy",
            "routing strategy '" + strategy + "' is not installed");
      }
    }
    return new VirtualTimeSimulation(scenario, strategies).simulate();
  }

  private static RoutingPolicy policy(QueueLoad q) {
    return q.policy() == null ? RoutingPolicy.defaults(q.queue()) : q.policy();
  }

  private SimulationReport simulate() {
    setUp();
    while (!events.isEmpty()) {
      Event e = events.poll();
      advanceTo(e.at);
      processed++;
      switch (e.kind) {
        case ARRIVAL -> arrive(e.queue);
        case ABANDON -> abandon(e.contact);
        case END -> finish(e.contact);
        case TIMER -> scheduledTimer = Double.NaN;
      }
      route();
    }
    return report();
  }

  private void setUp() {
    for (int i = 0; i < scenario.queues().size(); i++) {
      QueueLoad q = scenario.queues().get(i);
      stats[i] = new QueueStats(q.queue(), q.serviceLevelThreshold().toNanos() / 1e9);
      engine.putQueue(
          new QueueRules(
              q.queue(),
              Set.of(q.channel()),
              q.requiredSkills(),
              q.serviceLevelThreshold(),
              null,
              null,
              policy(q)));
      schedule(sample(Distribution.exponential(meanInterArrival(q))), Kind.ARRIVAL, i, null);
    }
    int g = 0;
    for (AgentGroup group : scenario.agentGroups()) {
      for (int n = 0; n < group.count(); n++) {
        engine.putAgent("g" + g + "-" + n, group.skills(), group.capacity(), true, true, START);
        agentCount++;
      }
      g++;
    }
  }

  private static Duration meanInterArrival(QueueLoad q) {
    return Duration.ofNanos((long) (3600e9 / q.arrivalsPerHour()));
  }

  private void arrive(int queueIndex) {
    QueueLoad q = scenario.queues().get(queueIndex);
    String id = "c" + seq;
    boolean counted = now >= warmUp;
    contacts.put(id, new Contact(queueIndex, now, counted));
    if (counted) {
      stats[queueIndex].arrived++;
    }
    engine.enqueue(
        new WaitingContact(
            id,
            q.channel(),
            q.queue(),
            q.priority(),
            List.of(),
            instant(now),
            null,
            null,
            false,
            null));
    if (q.patience() != null) {
      schedule(now + sample(q.patience()), Kind.ABANDON, queueIndex, id);
    }
    double next = now + sample(Distribution.exponential(meanInterArrival(q)));
    if (next < end) {
      schedule(next, Kind.ARRIVAL, queueIndex, null);
    }
  }

  private void abandon(String id) {
    if (!engine.isWaiting(id)) {
      return;
    }
    engine.removeWaiting(id);
    Contact c = contacts.remove(id);
    if (c.counted) {
      stats[c.queue].abandoned(now - c.arrivedAt);
    }
  }

  private void finish(String id) {
    engine.release(id, instant(now));
    contacts.remove(id);
    busySlots--;
  }

  private void route() {
    for (Assignment a : engine.route(instant(now))) {
      Contact c = contacts.get(a.contact().interactionId());
      double handle = sample(scenario.queues().get(c.queue).handleTime());
      if (c.counted) {
        stats[c.queue].answered(now - c.arrivedAt, handle);
      }
      busySlots++;
      schedule(now + handle, Kind.END, c.queue, a.contact().interactionId());
    }
    engine.takeOverflows();
    engine
        .nextDeadline()
        .map(VirtualTimeSimulation::seconds)
        .filter(t -> t > now && (Double.isNaN(scheduledTimer) || t < scheduledTimer))
        .ifPresent(
            t -> {
              scheduledTimer = t;
              schedule(t, Kind.TIMER, -1, null);
            });
  }

  private void advanceTo(double t) {
    double from = Math.max(lastChange, warmUp);
    double to = Math.min(t, end);
    if (to > from) {
      busyIntegral += busySlots * (to - from);
    }
    lastChange = t;
    now = t;
  }

  private void schedule(double at, Kind kind, int queue, String contact) {
    events.add(new Event(at, seq++, kind, queue, contact));
  }

  private double sample(Distribution d) {
    double mean = d.mean().toNanos() / 1e9;
    return switch (d.kind()) {
      case CONSTANT -> mean;
      case EXPONENTIAL -> -mean * Math.log(1.0 - random.nextDouble());
      case LOGNORMAL -> {
        double sd = d.stdDev().toNanos() / 1e9;
        double sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
        double mu = Math.log(mean) - sigma2 / 2;
        yield Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian());
      }
    };
  }

  private static Instant instant(double seconds) {
    return START.plusNanos((long) (seconds * 1e9));
  }

  private static double seconds(Instant t) {
    return Duration.between(START, t).toNanos() / 1e9;
  }

  private SimulationReport report() {
    List<SimulationReport.QueueFigures> figures = new ArrayList<>();
    for (QueueStats s : stats) {
      figures.add(s.figures());
      total.add(s);
    }
    double measured = end - warmUp;
    return new SimulationReport(
        Duration.ofNanos((long) (measured * 1e9)),
        processed,
        engine.decisionCount(),
        figures,
        total.figures(),
        agentCount == 0 ? 0 : busyIntegral / (measured * agentCount));
  }
}
