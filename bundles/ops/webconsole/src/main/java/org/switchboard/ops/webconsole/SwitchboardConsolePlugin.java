package org.switchboard.ops.webconsole;

import java.util.Map;
import javax.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.reports.api.WallboardService;

/**
 * The "Switchboard" page of the web console ({@code /system/console/switchboard}), the dashboard:
 * links to the other pages, the health of every component (from the REST API's public health
 * endpoint) and the live wallboard (queues, today's figures, alerts, agents). The page polls {@code
 * switchboard/status.json} every two seconds.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + SwitchboardConsolePlugin.LABEL,
      "felix.webconsole.title=Switchboard",
      "felix.webconsole.category=Switchboard"
    })
public class SwitchboardConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard";
  private static final long serialVersionUID = 1L;
  private final transient WallboardService wallboard;

  @Activate
  public SwitchboardConsolePlugin(@Reference WallboardService wallboard) {
    super(LABEL, "Switchboard", "page.html");
    this.wallboard = wallboard;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of("status", req -> wallboard.now());
  }
}
