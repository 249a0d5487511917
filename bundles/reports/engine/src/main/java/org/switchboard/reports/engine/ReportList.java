package org.switchboard.reports.engine;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportParameter;
import org.switchboard.reports.api.ReportService;

/** {@code switchboard:report-list}: the installed reports and their parameters. */
@Service
@Command(scope = "switchboard", name = "report-list", description = "Lists the installed reports")
public class ReportList implements Action {
  @Reference ReportService reports;

  @Override
  public Object execute() {
    ShellTable table = new ShellTable();
    table.column("Report");
    table.column("Title");
    table.column("Parameters (* required)").maxSize(100).wrap();
    for (ReportDefinition d : reports.list()) {
      table
          .addRow()
          .addContent(
              d.id(),
              d.title(),
              String.join(
                  ", ",
                  d.parameters().stream()
                      .map(p -> p.name() + (p.required() ? "*" : "") + describe(p))
                      .toList()));
    }
    table.print(System.out);
    return null;
  }

  private static String describe(ReportParameter p) {
    if (!p.choices().isEmpty()) {
      return " " + p.choices();
    }
    return p.defaultValue() == null ? "" : " (" + p.defaultValue() + ")";
  }
}
