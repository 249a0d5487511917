package org.switchboard.ops.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * The "Reports" page of the web console ({@code /system/console/switchboard-reports}): pick a
 * report, fill in its parameters, see the table, a chart of one column and the formulas, download
 * CSV. The page reads {@code reports.json}, {@code run.json} and {@code run.csv} under its label.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + ReportsConsolePlugin.LABEL,
      "felix.webconsole.title=Reports",
      "felix.webconsole.category=Switchboard"
    })
public class ReportsConsolePlugin extends AbstractWebConsolePlugin {
  static final String LABEL = "switchboard-reports";
  private static final long serialVersionUID = 1L;

  private final transient ReportService reports;
  private final transient ObjectMapper json =
      // The module explicitly: in OSGi findAndRegisterModules() does not see it, and Instants fail.
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Activate
  public ReportsConsolePlugin(@Reference ReportService reports) {
    this.reports = reports;
  }

  @Override
  public String getLabel() {
    return LABEL;
  }

  @Override
  public String getTitle() {
    return "Reports";
  }

  @Override
  public String getCategory() {
    return "Switchboard";
  }

  @Override
  protected boolean isHtmlRequest(HttpServletRequest request) {
    String path = request.getPathInfo();
    return path == null || !(path.endsWith(".json") || path.endsWith(".csv"));
  }

  @Override
  protected void renderContent(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (isHtmlRequest(req)) {
      try (InputStream page = ReportsConsolePlugin.class.getResourceAsStream("reports.html")) {
        res.getWriter().write(new String(page.readAllBytes(), StandardCharsets.UTF_8));
      }
      return;
    }
    res.setHeader("Cache-Control", "no-store");
    String path = req.getPathInfo();
    try {
      if (path.endsWith("/reports.json")) {
        writeJson(res, 200, reports.list());
      } else if (path.endsWith("/run.json")) {
        writeJson(res, 200, run(req));
      } else if (path.endsWith("/run.csv")) {
        ReportResult result = run(req);
        res.setContentType("text/csv");
        res.setCharacterEncoding("UTF-8");
        res.setHeader(
            "Content-Disposition",
            "attachment; filename=\"" + req.getParameter("report") + ".csv\"");
        reports.export(result, "csv", res.getOutputStream());
      } else {
        writeJson(res, 404, Map.of("error", "not-found", "message", "no such resource: " + path));
      }
    } catch (ValidationException e) {
      writeJson(res, 400, Map.of("error", "validation", "message", e.getMessage()));
    } catch (NotFoundException e) {
      writeJson(res, 404, Map.of("error", "not-found", "message", e.getMessage()));
    }
  }

  /** Runs the report named by {@code report} with every other query parameter. */
  private ReportResult run(HttpServletRequest req) {
    String id = req.getParameter("report");
    if (id == null || id.isBlank()) {
      throw new ValidationException("report", "say which report: ?report=<id>");
    }
    Map<String, String> values = new HashMap<>();
    req.getParameterMap()
        .forEach(
            (name, v) -> {
              if (!name.equals("report") && v.length > 0 && !v[v.length - 1].isBlank()) {
                values.put(name, v[v.length - 1]);
              }
            });
    return reports.run(id, values);
  }

  private void writeJson(HttpServletResponse res, int status, Object body) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    json.writeValue(res.getOutputStream(), body);
  }
}
