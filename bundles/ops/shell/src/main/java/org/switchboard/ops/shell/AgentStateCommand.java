package org.switchboard.ops.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;

/** {@code switchboard:agent-state}: logs an agent in or out or changes their state. */
@Service
@Command(
    scope = "switchboard",
    name = "agent-state",
    description = "Logs an agent in/out or sets ready, not-ready (with reason) or wrap-up")
public class AgentStateCommand implements Action {
  @Reference AgentService agents;

  @Argument(index = 0, name = "agent", required = true, description = "Agent id")
  String agent;

  @Argument(
      index = 1,
      name = "state",
      required = true,
      description = "login, logout, ready, not-ready or wrap-up")
  String state;

  @Argument(index = 2, name = "reason", description = "Reason (required for not-ready)")
  String reason;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          Agent after =
              switch (state) {
                case "login" -> agents.login(agent);
                case "logout" -> agents.logout(agent, reason);
                case "ready" -> agents.changeState(agent, AgentState.READY, reason);
                case "not-ready" -> agents.changeState(agent, AgentState.NOT_READY, reason);
                case "wrap-up" -> agents.changeState(agent, AgentState.WRAP_UP, reason);
                default ->
                    throw new IllegalArgumentException(
                        "unknown state '"
                            + state
                            + "': use login, logout, ready, not-ready or wrap-up");
              };
          System.out.println(
              after.id()
                  + " is "
                  + after.state()
                  + (after.reason().isEmpty() ? "" : " (" + after.reason() + ")"));
          return null;
        });
  }
}
