package org.switchboard.acd.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.strategies.LongestIdle;
import org.switchboard.acd.strategies.MostSkilled;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * Random sequences of arrivals, abandons, agent state changes, finished work and passing time,
 * checked after every routing pass against an independent reference model: an interaction is never
 * held by two agents, no agent exceeds capacity (and a voice call blocks other work), the engine is
 * work-conserving, FIFO holds within equal priority, and relaxation steps apply at their times.
 */
class RoutingEnginePropertiesTest {
  private static final List<String> SKILLS = List.of("s0", "s1", "s2");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  record Q(
      String id,
      Set<String> channels,
      List<SkillRequirement> required,
      List<RelaxationStep> steps) {}

  record A(String id, Map<String, Integer> skills, Map<String, Integer> capacity) {}

  private static final List<Q> QUEUES =
      List.of(
          new Q("q0", Set.of("voice", "chat"), List.of(new SkillRequirement("s0", 1)), List.of()),
          new Q("q1", Set.of("chat"), List.of(new SkillRequirement("s1", 3)), List.of()),
          new Q(
              "q2",
              Set.of("voice", "chat"),
              List.of(),
              List.of(
                  new RelaxationStep(Duration.ZERO, List.of(new SkillRequirement("s2", 7)), false),
                  new RelaxationStep(
                      Duration.ofSeconds(5), List.of(new SkillRequirement("s2", 3)), false),
                  new RelaxationStep(Duration.ofSeconds(10), List.of(), false))));

  @Property(tries = 300)
  void invariantsHoldAfterEveryPass(@ForAll long seed, @ForAll boolean mostSkilled) {
    SplittableRandom random = new SplittableRandom(seed);
    RoutingEngine engine =
        new RoutingEngine(
            id -> mostSkilled ? new MostSkilled() : new LongestIdle(), Set.of("voice"), true);
    for (Q q : QUEUES) {
      engine.putQueue(
          new QueueRules(
              q.id,
              q.channels,
              q.required,
              Duration.ofSeconds(20),
              null,
              null,
              new RoutingPolicy(q.id, null, null, null, null, q.steps, 0)));
    }
    Map<String, A> agents = new LinkedHashMap<>();
    Map<String, Boolean> ready = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      Map<String, Integer> skills = new HashMap<>();
      SKILLS.forEach(s -> skills.put(s, random.nextInt(11)));
      A a = new A("a" + i, skills, Map.of("voice", random.nextInt(2), "chat", random.nextInt(4)));
      agents.put(a.id, a);
      ready.put(a.id, random.nextBoolean());
      engine.putAgent(a.id, a.skills, a.capacity, true, ready.get(a.id), T0);
    }
    Reference ref = new Reference(agents, ready);
    Instant now = T0;
    int next = 0;
    for (int step = 0; step < 300; step++) {
      int op = random.nextInt(10);
      if (op < 4) {
        Q q = QUEUES.get(random.nextInt(QUEUES.size()));
        List<String> channels = List.copyOf(new java.util.TreeSet<>(q.channels));
        WaitingContact c =
            new WaitingContact(
                "i" + next++,
                channels.get(random.nextInt(channels.size())),
                q.id,
                random.nextBoolean() ? 10 : 50,
                random.nextInt(4) == 0 ? List.of(new SkillRequirement("s0", 5)) : List.of(),
                now,
                null,
                null,
                false,
                null);
        engine.enqueue(c);
        ref.waiting.put(c.interactionId(), c);
      } else if (op < 6 && !ref.held.isEmpty()) {
        List<String> held = List.copyOf(ref.held.keySet());
        String id = held.get(random.nextInt(held.size()));
        engine.release(id, now);
        ref.held.remove(id);
      } else if (op == 6) {
        A a = List.copyOf(agents.values()).get(random.nextInt(agents.size()));
        ready.put(a.id, !ready.get(a.id));
        engine.putAgent(a.id, a.skills, a.capacity, true, ready.get(a.id), now);
      } else if (op == 7 && !ref.waiting.isEmpty()) {
        List<String> waiting = List.copyOf(ref.waiting.keySet());
        String id = waiting.get(random.nextInt(waiting.size()));
        engine.removeWaiting(id);
        ref.waiting.remove(id);
      } else {
        now = now.plusMillis(random.nextInt(3000));
      }
      List<Assignment> assignments = engine.route(now);
      ref.check(assignments, now);
    }
  }

  /** The reference model: plain maps and brute-force rules, independent of the engine's indexes. */
  private static final class Reference {
    final Map<String, A> agents;
    final Map<String, Boolean> ready;
    final Map<String, WaitingContact> waiting = new LinkedHashMap<>();
    final Map<String, String[]> held = new HashMap<>(); // id -> {agent, channel}

    Reference(Map<String, A> agents, Map<String, Boolean> ready) {
      this.agents = agents;
      this.ready = ready;
    }

    void check(List<Assignment> assignments, Instant now) {
      for (Assignment as : assignments) {
        String id = as.contact().interactionId();
        assertThat(held).as("%s offered while already held", id).doesNotContainKey(id);
        assertThat(waiting).as("%s was not waiting", id).containsKey(id);
        assertThat(eligible(agents.get(as.agentId()), as.contact(), now))
            .as("%s given to %s who could not take it", id, as.agentId())
            .isTrue();
        waiting.remove(id);
        held.put(id, new String[] {as.agentId(), as.contact().channel()});
        assertThat(as.decision().candidates().get(0).agentId()).isEqualTo(as.agentId());
      }
      for (A a : agents.values()) {
        for (String ch : List.of("voice", "chat")) {
          assertThat(busy(a.id, ch))
              .as("%s over %s capacity", a.id, ch)
              .isLessThanOrEqualTo(a.capacity.get(ch));
        }
      }
      for (WaitingContact w : waiting.values()) {
        for (A a : agents.values()) {
          assertThat(eligible(a, w, now))
              .as(
                  "work-conserving: %s waits while %s is free and eligible",
                  w.interactionId(), a.id)
              .isFalse();
        }
      }
      for (Assignment as : assignments) {
        WaitingContact c = as.contact();
        for (WaitingContact w : waiting.values()) {
          boolean sameClass =
              w.queue().equals(c.queue())
                  && w.priority() == c.priority()
                  && w.channel().equals(c.channel())
                  && w.requirements().equals(c.requirements());
          assertThat(sameClass && w.queuedAt().isBefore(c.queuedAt()))
              .as("FIFO: %s served before older %s", c.interactionId(), w.interactionId())
              .isFalse();
        }
      }
    }

    int busy(String agent, String channel) {
      return (int)
          held.values().stream().filter(h -> h[0].equals(agent) && h[1].equals(channel)).count();
    }

    boolean eligible(A a, WaitingContact c, Instant now) {
      Q q = QUEUES.stream().filter(x -> x.id.equals(c.queue())).findFirst().orElseThrow();
      if (!ready.get(a.id) || busy(a.id, "voice") > 0) {
        return false;
      }
      if (busy(a.id, c.channel()) >= a.capacity.get(c.channel())) {
        return false;
      }
      if (q.channels.stream().noneMatch(ch -> a.capacity.get(ch) > 0)) {
        return false;
      }
      List<SkillRequirement> needed = new ArrayList<>(q.required);
      needed.addAll(c.requirements());
      Duration waited = Duration.between(c.queuedAt(), now);
      RelaxationStep active = null;
      for (RelaxationStep s : q.steps) {
        if (s.after().compareTo(waited) <= 0) {
          active = s;
        }
      }
      if (active != null) {
        needed.addAll(active.requirements());
      }
      return needed.stream().allMatch(r -> a.skills.getOrDefault(r.skill(), 0) >= r.minimumLevel());
    }
  }
}
