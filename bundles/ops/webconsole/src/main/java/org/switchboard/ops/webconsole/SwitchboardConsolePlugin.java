package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.reports.api.Wallboard;
import org.switchboard.reports.api.WallboardService;

/**
 * The "Switchboard" page of the web console ({@code /system/console/switchboard}): the live
 * wallboard (queues, today's figures, alerts, agents). The page polls {@code
 * switchboard/status.json} every two seconds.
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
  private final transient WallboardService wallboard;
  private final transient ObjectMapper json =
      // The module explicitly: in OSGi findAndRegisterModules() does not see it, and Instants fail.
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Activate
  public SwitchboardConsolePlugin(@Reference WallboardService wallboard) {
    this.wallboard = wallboard;
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

  Wallboard model() {
    return wallboard.now();
  }
}
