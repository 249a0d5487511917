package org.switchboard.integration.erp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.platform.camel.RouteFile;

/**
 * {@code switchboard:route-list}: the admins' route files of {@code etc/routes}, whether each is in
 * service and why not. Scans the directory first, so a file just saved is checked at once.
 */
@Service
@Command(
    scope = "switchboard",
    name = "route-list",
    description = "Checks and lists the integration route files of etc/routes")
public class RouteList implements Action {
  @Reference AdminRoutes routes;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    List<RouteFile> files = routes.scan();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (RouteFile f : files) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", f.name());
        row.put("loaded", f.loaded());
        row.put("routes", f.routeIds());
        row.put("status", f.routeIds().stream().map(routes::status).toList());
        row.put("error", f.error());
        row.put("checkedAt", String.valueOf(f.checkedAt()));
        rows.add(row);
      }
      System.out.println(new ObjectMapper().writeValueAsString(rows));
      return null;
    }
    System.out.println("Route files in " + routes.directory());
    ShellTable table = new ShellTable();
    table.column("File");
    table.column("State");
    table.column("Routes in service");
    table.column("Problem").maxSize(100).wrap();
    for (RouteFile f : files) {
      table
          .addRow()
          .addContent(
              f.name(),
              f.loaded() ? "loaded" : f.routeIds().isEmpty() ? "refused" : "refused, previous kept",
              String.join(", ", f.routeIds()),
              f.error() == null ? "" : f.error());
    }
    table.print(System.out);
    return null;
  }
}
