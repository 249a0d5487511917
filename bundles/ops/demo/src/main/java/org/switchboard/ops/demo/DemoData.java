package org.switchboard.ops.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillLevel;
import org.switchboard.core.api.skill.SkillRequirement;
import org.switchboard.core.api.skill.SkillService;

/**
 * The demo contact center: skills, queues, four agents and the supervisor's phone. Creates only
 * what is missing.
 */
final class DemoData {
  static final List<String> AGENTS = List.of("agent1", "agent2", "agent3", "agent4");

  /**
   * The demo supervisor's phone: an agent profile that takes no work (no capacity), so the
   * supervisor can log a SIP phone in and listen in on calls.
   */
  static final String SUPERVISOR_PHONE = "supervisor";

  private static final Set<ChannelType> ALL =
      Set.of(ChannelType.VOICE, ChannelType.CHAT, ChannelType.EMAIL);
  private static final Map<ChannelType, Integer> CAPACITY =
      Map.of(ChannelType.VOICE, 1, ChannelType.CHAT, 3, ChannelType.EMAIL, 5);

  private DemoData() {}

  /** Creates what is missing; returns how many things were created. */
  static int seed(SkillService skills, QueueService queues, AgentService agents) {
    int created = 0;
    for (Skill s :
        List.of(
            new Skill("support", "General product support"),
            new Skill("billing", "Invoices and payments"),
            new Skill("sales", "Offers and orders"),
            new Skill("lang-en", "English"),
            new Skill("lang-zh", "Mandarin Chinese"))) {
      if (skills.find(s.id()).isEmpty()) {
        skills.create(s);
        created++;
      }
    }
    for (Queue q :
        List.of(
            queue("support", "Support", List.of()),
            queue("billing", "Billing", List.of(new SkillRequirement("billing", 3))),
            queue("sales", "Sales", List.of(new SkillRequirement("sales", 3))))) {
      if (queues.find(q.id()).isEmpty()) {
        queues.create(q);
        created++;
      }
    }
    for (int n = 0; n < AGENTS.size(); n++) {
      String id = AGENTS.get(n);
      if (agents.find(id).isEmpty()) {
        agents.create(
            new Agent(
                id,
                "Agent " + (n + 1),
                skillsOf(n),
                Set.of(n < 2 ? "team-a" : "team-b"),
                CAPACITY,
                null,
                null,
                null,
                0));
        created++;
      }
    }
    if (agents.find(SUPERVISOR_PHONE).isEmpty()) {
      agents.create(
          new Agent(
              SUPERVISOR_PHONE,
              "Supervisor (phone for monitoring)",
              List.of(),
              Set.of(),
              Map.of(),
              null,
              null,
              null,
              0));
      created++;
    }
    return created;
  }

  private static Queue queue(String id, String name, List<SkillRequirement> skills) {
    return new Queue(id, name, ALL, skills, 50, Duration.ofSeconds(20), 80, null, null, 0);
  }

  private static List<SkillLevel> skillsOf(int n) {
    return switch (n) {
      case 0 ->
          List.of(
              new SkillLevel("support", 8),
              new SkillLevel("billing", 7),
              new SkillLevel("lang-en", 10));
      case 1 ->
          List.of(
              new SkillLevel("support", 6),
              new SkillLevel("sales", 8),
              new SkillLevel("lang-en", 9));
      case 2 ->
          List.of(
              new SkillLevel("support", 7),
              new SkillLevel("billing", 4),
              new SkillLevel("lang-zh", 10));
      default ->
          List.of(
              new SkillLevel("support", 5),
              new SkillLevel("sales", 5),
              new SkillLevel("lang-zh", 8),
              new SkillLevel("lang-en", 6));
    };
  }
}
