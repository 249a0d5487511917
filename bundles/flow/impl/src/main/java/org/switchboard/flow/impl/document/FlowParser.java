package org.switchboard.flow.impl.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.switchboard.flow.impl.model.FlowDefinition;
import org.switchboard.flow.impl.model.Node;
import org.switchboard.flow.impl.model.OpeningHours;

/** Reads the top level of a flow document and hands nodes and calendars to their parsers. */
final class FlowParser {
  /** The most nodes one flow may have. */
  static final int MAX_NODES = 500;

  private static final Set<String> FIELDS =
      Set.of("id", "name", "description", "language", "start", "fallback", "calendars", "nodes");

  private FlowParser() {}

  static FlowDefinition parse(ObjectNode root, Problems problems) {
    Fields f = new Fields(root, "", problems);
    f.allowOnly(FIELDS, "a flow");
    String id = f.text("id", false);
    String name = f.text("name", false);
    String language = f.has("language") ? f.text("language", false) : "en";
    if (language != null && !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
      problems.error("language", "'" + language + "' is not a language tag such as en or zh");
    }
    String start = f.text("start", true);
    String fallback = f.text("fallback", false);
    if (fallback != null) {
      NodeParser.queueName(f, "fallback", fallback);
    }
    Map<String, OpeningHours> calendars = new LinkedHashMap<>();
    if (f.raw("calendars") != null) {
      Fields.of(
              f.raw("calendars"), "calendars", "a mapping of calendar names to calendars", problems)
          .ifPresent(
              c ->
                  c.raw()
                      .fieldNames()
                      .forEachRemaining(calendar -> readCalendar(c, calendar, calendars)));
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    if (f.raw("nodes") == null) {
      problems.error("nodes", "is required: a mapping of node ids to nodes");
    } else {
      Fields.of(f.raw("nodes"), "nodes", "a mapping of node ids to nodes", problems)
          .ifPresent(n -> readNodes(n, nodes));
    }
    return new FlowDefinition(
        id, name == null ? id : name, language, start, fallback, calendars, nodes);
  }

  private static void readCalendar(Fields calendars, String name, Map<String, OpeningHours> into) {
    String path = calendars.path(name);
    if (!Fields.NAME.matcher(name).matches()) {
      calendars.problems().error(path, "'" + name + "' is not a valid calendar name");
    }
    Fields.of(
            calendars.raw(name),
            path,
            "a calendar (timezone, hours, holidays)",
            calendars.problems())
        .ifPresent(c -> into.put(name, CalendarParser.parse(c)));
  }

  private static void readNodes(Fields nodes, Map<String, Node> into) {
    int count = nodes.raw().size();
    if (count == 0) {
      nodes.problems().error("nodes", "is empty: a flow needs at least one node");
    }
    if (count > MAX_NODES) {
      nodes
          .problems()
          .error(
              "nodes",
              "has " + count + " nodes; at most " + MAX_NODES + " are allowed: split the flow");
      return;
    }
    nodes
        .raw()
        .fieldNames()
        .forEachRemaining(
            id -> {
              String path = nodes.path(id);
              if (!Fields.NODE_ID.matcher(id).matches()) {
                nodes
                    .problems()
                    .error(
                        path,
                        "'"
                            + id
                            + "' is not a valid node id: 1-64 letters, digits, '_' or '-', starting with a letter or digit");
              }
              Fields.of(nodes.raw(id), path, "a node mapping with a type", nodes.problems())
                  .map(n -> NodeParser.parse(id, n))
                  .ifPresent(node -> into.put(id, node));
            });
  }
}
