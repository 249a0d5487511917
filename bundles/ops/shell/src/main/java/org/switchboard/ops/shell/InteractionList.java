package org.switchboard.ops.shell;

import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;

/** {@code switchboard:interaction-list}: interactions, filtered by state and queue. */
@Service
@Command(
    scope = "switchboard",
    name = "interaction-list",
    description = "Lists interactions, newest first (waiting ones oldest first)")
public class InteractionList implements Action {
  @Reference InteractionService interactions;

  @Option(name = "--state", multiValued = true, description = "Only these states, e.g. QUEUED")
  List<InteractionState> states;

  @Option(name = "--queue", description = "Only this queue")
  String queue;

  @Option(name = "--limit", description = "Most rows (default 50)")
  int limit = 50;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          List<Interaction> found =
              interactions.list(
                  new InteractionQuery(
                      states == null ? Set.of() : Set.copyOf(states), queue, null, null, limit));
          if (json) {
            Output.json(System.out, found);
            return null;
          }
          ShellTable table = new ShellTable();
          for (String c : List.of("Id", "Channel", "State", "Queue", "Agent", "From", "Created")) {
            table.column(c);
          }
          for (Interaction i : found) {
            table
                .addRow()
                .addContent(
                    i.id(), i.channel(), i.state(), i.queue(), i.agent(), i.from(), i.createdAt());
          }
          table.print(System.out);
          return null;
        });
  }
}
