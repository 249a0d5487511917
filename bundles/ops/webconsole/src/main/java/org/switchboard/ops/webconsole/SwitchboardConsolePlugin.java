package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.QueueService;

/**
 * The "Switchboard" page of the web console ({@code /system/console/switchboard}): live queue and
 * agent status. The page polls {@code switchboard/status.json} every two seconds.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + SwitchboardConsolePlugin.LABEL,
      "felix.webconsole.title=Switchboard",
      "felix.webconsole.category=Switchboard"
    })
public class SwitchboardConsolePlugin extends AbstractWebConsolePlugin {
  static final String LABEL = "switchboard";
  private static final long serialVersionUID = 1L;
  private static final Set<InteractionState> OPEN =
      Set.of(
          InteractionState.QUEUED,
          InteractionState.OFFERED,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.WRAP_UP);
  private final transient QueueService queues;
  private final transient AgentService agents;
  private final transient InteractionService interactions;
  private final transient ObjectMapper json =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Activate
  public SwitchboardConsolePlugin(
      @Reference QueueService queues,
      @Reference AgentService agents,
      @Reference InteractionService interactions) {
    this.queues = queues;
    this.agents = agents;
    this.interactions = interactions;
  }

  @Override
  public String getLabel() {
    return LABEL;
  }

  @Override
  public String getTitle() {
    return "Switchboard";
  }

  @Override
  public String getCategory() {
    return "Switchboard";
  }

  @Override
  protected boolean isHtmlRequest(HttpServletRequest request) {
    return request.getPathInfo() == null || !request.getPathInfo().endsWith(".json");
  }

  @Override
  protected void renderContent(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!isHtmlRequest(req)) {
      res.setContentType("application/json");
      res.setCharacterEncoding("UTF-8");
      res.setHeader("Cache-Control", "no-store");
      json.writeValue(res.getOutputStream(), model());
      return;
    }
    try (InputStream page = SwitchboardConsolePlugin.class.getResourceAsStream("page.html")) {
      res.getWriter().write(new String(page.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  StatusModel model() {
    return StatusModel.of(
        queues.list(),
        agents.list(),
        interactions.list(new InteractionQuery(OPEN, null, null, null, InteractionQuery.MAX_LIMIT)),
        Instant.now());
  }
}
