package org.switchboard.integration.erp;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code switchboard:delivery-replay <name>}: sends a delivery's dead letters again, e.g. after the
 * ERP is back.
 */
@Service
@Command(
    scope = "switchboard",
    name = "delivery-replay",
    description = "Sends the messages in a delivery's dead-letter queue again")
public class DeliveryReplay implements Action {
  @Reference Deliveries deliveries;

  @Argument(index = 0, name = "delivery", required = true, description = "kind:name or name")
  String delivery;

  @Override
  public Object execute() throws Exception {
    try {
      Deliveries.Replay r = deliveries.replay(delivery);
      System.out.println(
          "replayed "
              + r.taken()
              + ": delivered "
              + r.delivered()
              + ", dead-lettered again "
              + r.deadLetteredAgain());
    } catch (IllegalArgumentException e) {
      System.err.println("Error: " + e.getMessage());
    }
    return null;
  }
}
