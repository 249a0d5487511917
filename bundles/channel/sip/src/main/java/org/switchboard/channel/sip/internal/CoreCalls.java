package org.switchboard.channel.sip.internal;

import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;

/** Calls into the core whose refusal is expected in races (the other side already moved on). */
final class CoreCalls {
  private static final Logger LOG = LoggerFactory.getLogger(CoreCalls.class);

  private CoreCalls() {}

  /** Runs a core call; a refusal (the interaction already moved on) is logged, not thrown. */
  static void quietly(Supplier<Interaction> call) {
    try {
      call.get();
    } catch (SwitchboardException e) {
      LOG.debug("core refused: {}", e.getMessage());
    }
  }

  /** A core call whose refusal is expected in races; nothing when the core is not bound. */
  static void tell(ChannelContext core, Function<ChannelContext, Interaction> change) {
    if (core != null) {
      quietly(() -> change.apply(core));
    }
  }

  /**
   * Ends an interaction whose call is gone: abandoned while it waited or rang, conversation ended
   * (the agent wraps up) when it was connected, closed as {@code failed} when it was an agent's
   * dial.
   */
  static void endLost(ChannelContext core, Interaction i) {
    if (i.state() == InteractionState.OFFERED && i.queue() == null) {
      quietly(() -> core.dialFailed(i.id(), "failed", "the call was lost (SIP channel restarted)"));
      return;
    }
    switch (i.state()) {
      case NEW, IN_FLOW, QUEUED, OFFERED -> quietly(() -> core.abandoned(i.id(), "call-lost"));
      case CONNECTED, HELD -> quietly(() -> core.conversationEnded(i.id()));
      default -> {}
    }
  }
}
