package org.switchboard.flow.impl.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.flow.impl.model.Condition;
import org.switchboard.flow.impl.model.FlowDefinition;
import org.switchboard.flow.impl.model.Node;

/**
 * Checks a parsed flow as a whole: the start and every target exist, calendars referred to exist,
 * every node can be reached (a warning otherwise), and no loop runs only through nodes that do not
 * wait for the customer ({@code set}, {@code branch}, {@code data}): such a loop would spin.
 */
final class FlowValidator {
  private final FlowDefinition flow;
  private final Problems problems;

  private FlowValidator(FlowDefinition flow, Problems problems) {
    this.flow = flow;
    this.problems = problems;
  }

  static void validate(FlowDefinition flow, Problems problems) {
    new FlowValidator(flow, problems).run();
  }

  private void run() {
    Map<String, Node> nodes = flow.nodes();
    if (flow.start() != null && !nodes.containsKey(flow.start())) {
      problems.error(
          "start", "unknown node '" + flow.start() + "'; the nodes are " + nodes.keySet());
    }
    nodes.values().forEach(this::checkNode);
    if (flow.start() != null && nodes.containsKey(flow.start())) {
      checkReachable();
    }
    new SpinDetector().run();
  }

  private void checkNode(Node node) {
    String path = "nodes." + node.id();
    node.exits()
        .forEach(
            (exit, target) -> {
              if (!flow.nodes().containsKey(target)) {
                problems.error(path + "." + exit, "unknown node '" + target + "'");
              }
            });
    if (node instanceof Node.Branch branch) {
      for (int i = 0; i < branch.conditions().size(); i++) {
        Condition c = branch.conditions().get(i);
        boolean calendar =
            c.subject() == Condition.Subject.OPEN || c.subject() == Condition.Subject.CLOSED;
        if (calendar && c.name() != null && !flow.calendars().containsKey(c.name())) {
          problems.error(
              path
                  + ".conditions."
                  + i
                  + "."
                  + c.subject().name().toLowerCase(java.util.Locale.ROOT),
              "unknown calendar '"
                  + c.name()
                  + "'; the calendars are "
                  + flow.calendars().keySet());
        }
      }
    }
  }

  private void checkReachable() {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      Node node = flow.nodes().get(id);
      if (node != null && seen.add(id)) {
        todo.addAll(node.exits().values());
      }
    }
    for (String id : flow.nodes().keySet()) {
      if (!seen.contains(id)) {
        problems.warning(
            "nodes." + id,
            "unreachable from start '"
                + flow.start()
                + "': it never runs (warning, the flow can be deployed)");
      }
    }
  }

  /** Finds strongly connected groups of non-waiting nodes (Tarjan) and reports each as a loop. */
  private final class SpinDetector {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private int counter;

    void run() {
      for (Node node : flow.nodes().values()) {
        if (spins(node) && !index.containsKey(node.id())) {
          connect(node.id());
        }
      }
    }

    private boolean spins(Node node) {
      return node != null && !node.waitsForCustomer() && !node.ends();
    }

    private List<String> successors(String id) {
      List<String> next = new ArrayList<>();
      for (String target : new LinkedHashSet<>(flow.nodes().get(id).exits().values())) {
        if (spins(flow.nodes().get(target))) {
          next.add(target);
        }
      }
      return next;
    }

    private void connect(String id) {
      index.put(id, counter);
      low.put(id, counter++);
      stack.push(id);
      onStack.add(id);
      for (String next : successors(id)) {
        if (!index.containsKey(next)) {
          connect(next);
          low.put(id, Math.min(low.get(id), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(id, Math.min(low.get(id), index.get(next)));
        }
      }
      if (low.get(id).equals(index.get(id))) {
        List<String> group = new ArrayList<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          group.add(0, member);
        } while (!member.equals(id));
        if (group.size() > 1 || successors(id).contains(id)) {
          problems.error(
              "nodes." + id,
              "loop without any input: "
                  + String.join(" -> ", group)
                  + " -> "
                  + id
                  + " only passes set, branch or data nodes and would spin;"
                  + " put a menu, collect, play or say node in the loop");
        }
      }
    }
  }
}
