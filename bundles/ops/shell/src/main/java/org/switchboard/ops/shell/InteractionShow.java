package org.switchboard.ops.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.interaction.InteractionService;

/** {@code switchboard:interaction-show}: one interaction, as JSON. */
@Service
@Command(
    scope = "switchboard",
    name = "interaction-show",
    description = "Shows one interaction as JSON")
public class InteractionShow implements Action {
  @Reference InteractionService interactions;

  @Argument(index = 0, name = "id", required = true, description = "Interaction id")
  String id;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          Output.json(
              System.out,
              interactions.find(id).orElseThrow(() -> new NotFoundException("interaction", id)));
          return null;
        });
  }
}
