package org.switchboard.ops.webconsole;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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
  protected void renderContent(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (isHtmlRequest(req)) {
      writePage(res);
    } else {
      writeJson(res, 200, model());
    }
  }

  Wallboard model() {
    return wallboard.now();
  }
}
