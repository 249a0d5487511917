package org.switchboard.ops.shell;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;

/** {@code switchboard:agent-list}: agents, their state and skills. */
@Service
@Command(
    scope = "switchboard",
    name = "agent-list",
    description = "Lists agents with state, reason and skills")
public class AgentList implements Action {
  @Reference AgentService agents;

  @Option(name = "--json", description = "Print JSON instead of a table")
  boolean json;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          if (json) {
            Output.json(System.out, agents.list());
            return null;
          }
          ShellTable table = new ShellTable();
          table.column("Agent");
          table.column("Name");
          table.column("State");
          table.column("Reason");
          table.column("Since");
          table.column("Skills");
          for (Agent a : agents.list()) {
            table
                .addRow()
                .addContent(
                    a.id(),
                    a.displayName(),
                    a.state(),
                    a.reason(),
                    a.stateSince(),
                    a.skills().stream()
                        .map(s -> s.skill() + "=" + s.level())
                        .collect(Collectors.joining(",")));
          }
          table.print(System.out);
          return null;
        });
  }
}
