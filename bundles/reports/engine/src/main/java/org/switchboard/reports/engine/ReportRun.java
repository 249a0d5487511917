package org.switchboard.reports.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportService;

/**
 * {@code switchboard:report-run <report> name=value...}: runs a report and prints it as a table, or
 * as CSV with {@code --csv} (to redirect into a file).
 */
@Service
@Command(scope = "switchboard", name = "report-run", description = "Runs a report")
public class ReportRun implements Action {
  @Reference ReportService reports;

  @Argument(index = 0, name = "report", description = "The report's id", required = true)
  String id;

  @Argument(
      index = 1,
      name = "parameters",
      description = "name=value, e.g. from=2026-12-01T00:00:00Z",
      multiValued = true)
  List<String> parameters;

  @Option(name = "--csv", description = "Print CSV instead of a table")
  boolean csv;

  @Override
  public Object execute() throws Exception {
    Map<String, String> values = new HashMap<>();
    for (String p : parameters == null ? List.<String>of() : parameters) {
      int eq = p.indexOf('=');
      if (eq < 1) {
        throw new ValidationException("parameters", "write name=value, got '" + p + "'");
      }
      values.put(p.substring(0, eq), p.substring(eq + 1));
    }
    ReportResult result = reports.run(id, values);
    if (csv) {
      reports.export(result, "csv", System.out);
      System.out.flush();
      return null;
    }
    System.out.println(result.title());
    ShellTable table = new ShellTable();
    result.columns().forEach(c -> table.column(c.label()));
    for (List<Object> row : result.rows()) {
      table
          .addRow()
          .addContent(
              row.stream()
                  .map(
                      v ->
                          v instanceof Double d
                              ? String.format(java.util.Locale.ROOT, "%.3f", d)
                              : v == null ? "" : v)
                  .toArray());
    }
    table.print(System.out);
    result.formulas().forEach((k, v) -> System.out.println(k + ": " + v));
    return null;
  }
}
