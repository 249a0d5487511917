package org.switchboard.ops.webconsole;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * The "Reports" page of the web console ({@code /system/console/switchboard-reports}): pick a
 * report, fill in its parameters, see the table, a chart of one column and the formulas, download
 * CSV or XLSX. The page reads {@code reports.json}, {@code run.json}, {@code run.csv} and {@code
 * run.xlsx} under its label.
 */
@Component(
    service = Servlet.class,
    property = {
      "felix.webconsole.label=" + ReportsConsolePlugin.LABEL,
      "felix.webconsole.title=Reports",
      "felix.webconsole.category=Switchboard"
    })
public class ReportsConsolePlugin extends SwitchboardPage {
  static final String LABEL = "switchboard-reports";
  private static final long serialVersionUID = 1L;

  private final transient ReportService reports;

  @Activate
  public ReportsConsolePlugin(@Reference ReportService reports) {
    super(LABEL, "Reports", "reports.html");
    this.reports = reports;
  }

  @Override
  Map<String, Read> reads() {
    return Map.of("reports", req -> reports.list(), "run", this::run);
  }

  /** {@code run.csv} and {@code run.xlsx}: the report as a file to save. */
  @Override
  void download(String name, String extension, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    if (!name.equals("run") || !ReportService.FORMATS.contains(extension)) {
      super.download(name, extension, req, res);
      return;
    }
    ReportResult result = run(req);
    res.setContentType(
        extension.equals("csv")
            ? "text/csv; charset=UTF-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.setHeader("Cache-Control", "no-store");
    download(res, req, extension);
    reports.export(result, extension, res.getOutputStream());
  }

  private static void download(HttpServletResponse res, HttpServletRequest req, String extension) {
    String id = String.valueOf(req.getParameter("report")).replaceAll("[^a-z0-9-]", "");
    res.setHeader("Content-Disposition", "attachment; filename=\"" + id + "." + extension + "\"");
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
}
