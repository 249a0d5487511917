package org.switchboard.ops.shell;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/** {@code switchboard:queue-list}: queues with their waiting interactions. */
@Service
@Command(
    scope = "switchboard",
    name = "queue-list",
    description = "Lists queues and how many interactions wait in each")
public class QueueList implements Action {
  @Reference QueueService queues;
  @Reference InteractionService interactions;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          if (json) {
            Output.json(System.out, queues.list());
            return null;
          }
          ShellTable table = new ShellTable();
          table.column("Queue");
          table.column("Name");
          table.column("Channels");
          table.column("Priority");
          table.column("Service level");
          table.column("Waiting");
          for (Queue q : queues.list()) {
            int waiting =
                interactions
                    .list(
                        new InteractionQuery(
                            java.util.Set.of(InteractionState.QUEUED),
                            q.id(),
                            null,
                            null,
                            InteractionQuery.MAX_LIMIT))
                    .size();
            table
                .addRow()
                .addContent(
                    q.id(),
                    q.name(),
                    q.channels().stream()
                        .map(Object::toString)
                        .sorted()
                        .collect(Collectors.joining(",")),
                    q.priority(),
                    q.serviceLevelTarget() + "% in " + q.serviceLevelThreshold().toSeconds() + " s",
                    waiting);
          }
          table.print(System.out);
          return null;
        });
  }
}
