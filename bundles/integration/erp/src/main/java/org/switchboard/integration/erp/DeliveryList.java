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

/** {@code switchboard:delivery-list}: the outbound integrations and what they did. */
@Service
@Command(
    scope = "switchboard",
    name = "delivery-list",
    description = "Lists the webhooks and ticket deliveries with their counters and dead letters")
public class DeliveryList implements Action {
  @Reference Deliveries deliveries;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (var e : deliveries.list().entrySet()) {
        DeliveryStats s = e.getValue().stats();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("delivery", e.getKey());
        row.put("url", e.getValue().delivery().url().toString());
        row.put("received", s.received.get());
        row.put("delivered", s.delivered.get());
        row.put("skipped", s.skipped.get());
        row.put("duplicates", s.duplicates.get());
        row.put("retries", s.failedAttempts.get());
        row.put("deadLettered", s.deadLettered.get());
        row.put("replayed", s.replayed.get());
        row.put("inDeadLetterQueue", deliveries.depth(e.getKey()));
        row.put("lastFailure", s.lastFailure);
        rows.add(row);
      }
      System.out.println(new ObjectMapper().writeValueAsString(rows));
      return null;
    }
    ShellTable table = new ShellTable();
    for (String c :
        new String[] {
          "Delivery",
          "Target",
          "Received",
          "Delivered",
          "Skipped",
          "Duplicates",
          "Retries",
          "Dead-lettered",
          "Replayed",
          "In DLQ",
          "Last failure"
        }) {
      table.column(c);
    }
    for (var e : deliveries.list().entrySet()) {
      DeliveryStats s = e.getValue().stats();
      table
          .addRow()
          .addContent(
              e.getKey(),
              e.getValue().delivery().url().getHost(),
              s.received.get(),
              s.delivered.get(),
              s.skipped.get(),
              s.duplicates.get(),
              s.failedAttempts.get(),
              s.deadLettered.get(),
              s.replayed.get(),
              deliveries.depth(e.getKey()),
              s.lastFailure);
    }
    table.print(System.out);
    return null;
  }
}
