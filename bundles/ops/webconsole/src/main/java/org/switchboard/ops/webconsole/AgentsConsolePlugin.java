package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

/**
 * The "Agents" page of the web console ({@code /system/console/switchboard-agents}): skills, the
 * agents with their skill levels, teams and capacity per channel, and the teams with their members.
 * Admins create, edit and delete skills and agents; a team exists while an agent is in it.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + AgentsConsolePlugin.LABEL,
      "felix.webconsole.title=Agents",
      "felix.webconsole.category=Switchboard"
    })
public class AgentsConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-agents";
  private static final long serialVersionUID = 1L;

  private final transient AgentService agents;
  private final transient SkillService skills;

  @Activate
  public AgentsConsolePlugin(@Reference AgentService agents, @Reference SkillService skills) {
    super(LABEL, "Agents", "agents.html");
    this.agents = agents;
    this.skills = skills;
  }

  /** An agent as the page shows and edits it. */
  record AgentRow(
      String id,
      String displayName,
      String skills,
      String teams,
      Map<String, Integer> capacity,
      String state,
      String reason,
      long version) {
    static AgentRow of(Agent a) {
      Map<String, Integer> levels = new LinkedHashMap<>();
      a.skills().forEach(s -> levels.put(s.skill(), s.level()));
      Map<String, Integer> capacity = new TreeMap<>();
      a.capacity().forEach((channel, slots) -> capacity.put(channel.id(), slots));
      return new AgentRow(
          a.id(),
          a.displayName(),
          Fields.text(levels),
          String.join(", ", new TreeSet<>(a.teams())),
          capacity,
          a.state().name(),
          a.reason(),
          a.version());
    }
  }

  /** A team and the agents in it. */
  record TeamRow(String team, List<String> members) {}

  @Override
  Map<String, Read> reads() {
    return Map.of("model", req -> model());
  }

  Map<String, Object> model() {
    List<Agent> all = agents.list();
    Map<String, List<String>> teams = new TreeMap<>();
    all.forEach(
        a ->
            a.teams()
                .forEach(
                    t -> teams.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(a.id())));
    return Map.of(
        "skills", skills.list(),
        "agents", all.stream().map(AgentRow::of).toList(),
        "teams", teams.entrySet().stream().map(e -> new TeamRow(e.getKey(), e.getValue())).toList(),
        "channels",
            List.of(
                ChannelType.VOICE.id(),
                ChannelType.CHAT.id(),
                ChannelType.EMAIL.id(),
                ChannelType.SMS.id(),
                ChannelType.SOCIAL.id()));
  }

  @Override
  Map<String, Change> changes() {
    return Map.of(
        "skill-create",
        post -> {
          Skill created = skills.create(skill(post.json()));
          audit(post.user(), "skill.create", "skill=" + created.id());
          return new Answer(201, created);
        },
        "skill-update",
        post -> {
          Skill updated = skills.update(skill(post.json()));
          audit(post.user(), "skill.update", "skill=" + updated.id());
          return updated;
        },
        "skill-delete",
        post -> {
          String id = post.text("id");
          skills.delete(id);
          audit(post.user(), "skill.delete", "skill=" + id);
          return Map.of("deleted", id);
        },
        "agent-create",
        post -> {
          Agent created = agents.create(agent(post.json(), 0));
          audit(post.user(), "agent.create", "agent=" + created.id());
          return new Answer(201, AgentRow.of(created));
        },
        "agent-update",
        post -> {
          JsonNode body = post.json();
          Agent updated = agents.update(agent(body, body.path("version").asLong(0)));
          audit(post.user(), "agent.update", "agent=" + updated.id());
          return AgentRow.of(updated);
        },
        "agent-delete",
        post -> {
          String id = post.text("id");
          agents.delete(id);
          audit(post.user(), "agent.delete", "agent=" + id);
          return Map.of("deleted", id);
        });
  }

  private static Skill skill(JsonNode b) {
    return new Skill(Fields.optional(b, "id"), Fields.optional(b, "description"));
  }

  /** An agent's profile from the form; state is the core's business, not the form's. */
  static Agent agent(JsonNode b, long version) {
    return new Agent(
        Fields.optional(b, "id"),
        Fields.optional(b, "displayName"),
        Fields.skillLevels(b, "skills"),
        Fields.names(b, "teams"),
        Fields.capacity(b, "capacity"),
        null,
        null,
        null,
        version);
  }
}
