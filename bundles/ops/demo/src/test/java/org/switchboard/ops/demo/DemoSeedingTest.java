package org.switchboard.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

class DemoSeedingTest {

  @Test
  void demoModeNeedsAnExplicitTrue() {
    assertThat(DemoMode.isOn(k -> null, k -> null)).isFalse();
    assertThat(DemoMode.isOn(k -> "false", k -> "yes")).isFalse();
    assertThat(DemoMode.isOn(k -> k.equals("SWITCHBOARD_DEMO") ? "true" : null, k -> null))
        .isTrue();
    assertThat(DemoMode.isOn(k -> null, k -> k.equals("switchboard.demo") ? " TRUE " : null))
        .isTrue();
  }

  @Test
  void seedingCreatesTheDemoCenterOnceAndEveryQueueSkillExists() {
    Store store = new Store();
    int first = DemoData.seed(store.skills(), store.queues(), store.agents());
    assertThat(first).isEqualTo(5 + 3 + 4 + 1);
    assertThat(DemoData.seed(store.skills(), store.queues(), store.agents())).isZero();
    assertThat(store.queues).containsKeys("support", "billing", "sales");
    assertThat(store.agents).containsKeys(DemoData.AGENTS.toArray(String[]::new));
    assertThat(store.agents.get(DemoData.SUPERVISOR_PHONE).capacity()).isEmpty();
    store
        .queues
        .values()
        .forEach(
            q -> q.requiredSkills().forEach(r -> assertThat(store.skills).containsKey(r.skill())));
    store
        .agents
        .values()
        .forEach(a -> a.skills().forEach(s -> assertThat(store.skills).containsKey(s.skill())));
  }

  /** In-memory stand-ins for the core services, enough for seeding. */
  static final class Store {
    final Map<String, Skill> skills = new TreeMap<>();
    final Map<String, Queue> queues = new TreeMap<>();
    final Map<String, Agent> agents = new TreeMap<>();

    SkillService skills() {
      return new SkillService() {
        public List<Skill> list() {
          return new ArrayList<>(skills.values());
        }

        public Optional<Skill> find(String id) {
          return Optional.ofNullable(skills.get(id));
        }

        public Skill create(Skill s) {
          skills.put(s.id(), s);
          return s;
        }

        public Skill update(Skill s) {
          return create(s);
        }

        public void delete(String id) {
          skills.remove(id);
        }
      };
    }

    QueueService queues() {
      return new QueueService() {
        public List<Queue> list() {
          return new ArrayList<>(queues.values());
        }

        public Optional<Queue> find(String id) {
          return Optional.ofNullable(queues.get(id));
        }

        public Queue create(Queue q) {
          queues.put(q.id(), q);
          return q;
        }

        public Queue update(Queue q) {
          return create(q);
        }

        public void delete(String id) {
          queues.remove(id);
        }
      };
    }

    AgentService agents() {
      return new AgentService() {
        public List<Agent> list() {
          return new ArrayList<>(agents.values());
        }

        public Optional<Agent> find(String id) {
          return Optional.ofNullable(agents.get(id));
        }

        public Agent create(Agent a) {
          agents.put(a.id(), a);
          return a;
        }

        public Agent update(Agent a) {
          return create(a);
        }

        public void delete(String id) {
          agents.remove(id);
        }

        public Agent login(String id) {
          return agents.get(id);
        }

        public Agent logout(String id, String reason) {
          return agents.get(id);
        }

        public Agent changeState(String id, AgentState s, String reason) {
          return agents.get(id);
        }
      };
    }
  }
}
