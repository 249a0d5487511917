package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/**
 * The "Queues" page of the web console ({@code /system/console/switchboard-queues}): the queues
 * with their channels and service-level settings; admins create and delete them. Changes are POSTs
 * of JSON with the header {@code X-Switchboard-Console: 1}, which another site's page cannot send,
 * and are written to the audit log.
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
  static final String CSRF_HEADER = "X-Switchboard-Console";
  private static final long serialVersionUID = 1L;
  private static final Logger AUDIT = LoggerFactory.getLogger("org.switchboard.audit");

  private final transient QueueService queues;

  @Activate
  public QueuesConsolePlugin(@Reference QueueService queues) {
    super(LABEL, "Queues", "queues.html");
    this.queues = queues;
  }

  @Override
  protected void renderContent(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (isHtmlRequest(req)) {
      writePage(res);
      return;
    }
    writeJson(res, 200, queues.list().stream().map(QueueRow::of).toList());
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!"1".equals(req.getHeader(CSRF_HEADER))) {
      writeJson(
          res, 403, Map.of("error", "forbidden", "message", "changes come from the console page"));
      return;
    }
    String path = String.valueOf(req.getPathInfo());
    String user = ConsoleUser.of(req);
    try {
      JsonNode body = JSON.readTree(req.getInputStream());
      if (path.endsWith("/create.json")) {
        Queue created = queues.create(queue(body));
        AUDIT.info("user={} action=queue.create queue={}", user, created.id());
        writeJson(res, 201, QueueRow.of(created));
      } else if (path.endsWith("/delete.json")) {
        String id = body.path("id").asText();
        queues.delete(id);
        AUDIT.info("user={} action=queue.delete queue={}", user, id);
        writeJson(res, 200, Map.of("deleted", id));
      } else {
        writeJson(res, 404, Map.of("error", "not-found", "message", "no such action: " + path));
      }
    } catch (ValidationException e) {
      writeJson(res, 400, Map.of("error", "validation", "message", e.getMessage()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      writeJson(res, 400, Map.of("error", "malformed-json", "message", "the body is not JSON"));
    } catch (SwitchboardException e) {
      writeJson(res, 409, Map.of("error", "refused", "message", e.getMessage()));
    }
  }

  /** A queue as the page shows it. */
  record QueueRow(
      String id,
      String name,
      List<String> channels,
      int priority,
      long serviceLevelSeconds,
      int serviceLevelTarget) {
    static QueueRow of(Queue q) {
      return new QueueRow(
          q.id(),
          q.name(),
          q.channels().stream().map(ChannelType::id).sorted().toList(),
          q.priority(),
          q.serviceLevelThreshold().toSeconds(),
          q.serviceLevelTarget());
    }
  }

  /** A new queue from the form: id, name, channels, priority, threshold seconds, target %. */
  private static Queue queue(JsonNode b) {
    Set<ChannelType> channels = new LinkedHashSet<>();
    b.path("channels").forEach(c -> channels.add(ChannelType.of(c.asText())));
    if (channels.isEmpty()) {
      throw new ValidationException("channels", "choose at least one channel");
    }
    return new Queue(
        b.path("id").asText(null),
        b.path("name").asText(null),
        channels,
        List.of(),
        number(b, "priority", 50),
        Duration.ofSeconds(number(b, "serviceLevelSeconds", 20)),
        number(b, "serviceLevelTarget", 80),
        null,
        null,
        0);
  }

  private static int number(JsonNode b, String field, int fallback) {
    JsonNode n = b.path(field);
    if (n.isMissingNode() || n.isNull() || n.asText().isBlank()) {
      return fallback;
    }
    if (!n.asText().matches("-?\\d{1,9}")) {
      throw new ValidationException(field, "a whole number is required, got '" + n.asText() + "'");
    }
    return Integer.parseInt(n.asText());
  }
}
