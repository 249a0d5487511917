package org.switchboard.core.api.interaction;

import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.ValidationException;

/**
 * Where a transfer sends an interaction: exactly one of a queue (it waits there again) or an agent
 * (it is offered to that agent).
 */
public record TransferTarget(String queue, String agent) {
  public TransferTarget {
    if ((queue == null) == (agent == null)) {
      throw new ValidationException("target", "name exactly one of queue or agent");
    }
    if (queue != null) {
      Identifiers.requireName("queue", queue);
    } else {
      Identifiers.requireName("agent", agent);
    }
  }

  public static TransferTarget toQueue(String queue) {
    return new TransferTarget(queue, null);
  }

  public static TransferTarget toAgent(String agent) {
    return new TransferTarget(null, agent);
  }
}
