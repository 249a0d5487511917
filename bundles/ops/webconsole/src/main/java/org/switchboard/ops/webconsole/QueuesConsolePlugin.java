package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.SkillRequirement;

/**
 * The "Queues" page of the web console ({@code /system/console/switchboard-queues}): the queues
 * with their channels, required skills, service-level settings, maximum wait and overflow; admins
 * create, edit in place and delete them. An edit carries the version it was made from, so two
 * admins editing the same queue cannot overwrite each other unseen.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + QueuesConsolePlugin.LABEL,
      "felix.webconsole.title=Queues",
      "felix.webconsole.category=Switchboard"
    })
public class QueuesConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-queues";
  private static final long serialVersionUID = 1L;

  private final transient QueueService queues;

  @Activate
  public QueuesConsolePlugin(@Reference QueueService queues) {
    super(LABEL, "Queues", "queues.html");
    this.queues = queues;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of("queues", req -> queues.list().stream().map(QueueRow::of).toList());
  }

  @Override
  Map<String, Change> changes() {
    return Map.of(
        "create",
        post -> {
          Queue created = queues.create(queue(post.json(), 0));
          audit(post.user(), "queue.create", "queue=" + created.id());
          return new Answer(201, QueueRow.of(created));
        },
        "update",
        post -> {
          JsonNode body = post.json();
          Queue updated = queues.update(queue(body, body.path("version").asLong(0)));
          audit(post.user(), "queue.update", "queue=" + updated.id());
          return QueueRow.of(updated);
        },
        "delete",
        post -> {
          String id = post.text("id");
          queues.find(id).orElseThrow(() -> new NotFoundException("queue", id));
          queues.delete(id);
          audit(post.user(), "queue.delete", "queue=" + id);
          return Map.of("deleted", id);
        });
  }

  /** A queue as the page shows and edits it. */
  record QueueRow(
      String id,
      String name,
      List<String> channels,
      String requiredSkills,
      int priority,
      long serviceLevelSeconds,
      int serviceLevelTarget,
      Long maxWaitSeconds,
      String overflowQueue,
      long version) {
    static QueueRow of(Queue q) {
      Map<String, Integer> skills = new LinkedHashMap<>();
      q.requiredSkills().forEach(r -> skills.put(r.skill(), r.minimumLevel()));
      return new QueueRow(
          q.id(),
          q.name(),
          q.channels().stream().map(ChannelType::id).sorted().toList(),
          Fields.text(skills),
          q.priority(),
          q.serviceLevelThreshold().toSeconds(),
          q.serviceLevelTarget(),
          q.maxWait() == null ? null : q.maxWait().toSeconds(),
          q.overflowQueue(),
          q.version());
    }
  }

  /** A queue from the form; {@code version} is the one the edit was made from (0 for new). */
  static Queue queue(JsonNode b, long version) {
    List<SkillRequirement> skills = Fields.requirements(b, "requiredSkills");
    int maxWait = Fields.number(b, "maxWaitSeconds", 0);
    return new Queue(
        Fields.optional(b, "id"),
        Fields.optional(b, "name"),
        Fields.channels(b, "channels"),
        skills,
        Fields.number(b, "priority", 50),
        Duration.ofSeconds(Fields.number(b, "serviceLevelSeconds", 20)),
        Fields.number(b, "serviceLevelTarget", 80),
        maxWait <= 0 ? null : Duration.ofSeconds(maxWait),
        Fields.optional(b, "overflowQueue"),
        version);
  }
}
