package org.switchboard.core.impl;

import static org.switchboard.core.api.interaction.InteractionState.ABANDONED;
import static org.switchboard.core.api.interaction.InteractionState.CLOSED;
import static org.switchboard.core.api.interaction.InteractionState.CONNECTED;
import static org.switchboard.core.api.interaction.InteractionState.HELD;
import static org.switchboard.core.api.interaction.InteractionState.IN_FLOW;
import static org.switchboard.core.api.interaction.InteractionState.NEW;
import static org.switchboard.core.api.interaction.InteractionState.OFFERED;
import static org.switchboard.core.api.interaction.InteractionState.QUEUED;
import static org.switchboard.core.api.interaction.InteractionState.WRAP_UP;

import java.util.EnumSet;
import java.util.Set;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;

/**
 * The interaction state machine: each operation, the states it is allowed from, and (where fixed)
 * the state it leads to. Transfer's target depends on where it goes (QUEUED or OFFERED).
 */
enum InteractionOperation {
  START_FLOW("start a flow for", EnumSet.of(NEW), IN_FLOW),
  ENQUEUE("enqueue", EnumSet.of(NEW, IN_FLOW), QUEUED),
  OFFER("offer", EnumSet.of(QUEUED), OFFERED),
  DIAL("dial", EnumSet.of(NEW), OFFERED),
  ACCEPT("accept", EnumSet.of(OFFERED), CONNECTED),
  DECLINE("decline", EnumSet.of(OFFERED), QUEUED),
  NO_ANSWER("time out the offer of", EnumSet.of(OFFERED), QUEUED),
  REQUEST_CALLBACK("request a callback for", EnumSet.of(QUEUED), QUEUED),
  HOLD("hold", EnumSet.of(CONNECTED), HELD),
  RESUME("resume", EnumSet.of(HELD), CONNECTED),
  TRANSFER("transfer", EnumSet.of(QUEUED, CONNECTED, HELD), null),
  END_CONVERSATION("end the conversation of", EnumSet.of(CONNECTED, HELD), WRAP_UP),
  COMPLETE("complete", EnumSet.of(NEW, IN_FLOW, OFFERED, CONNECTED, HELD, WRAP_UP), CLOSED),
  ABANDON("abandon", EnumSet.of(NEW, IN_FLOW, QUEUED, OFFERED), ABANDONED),
  UPDATE_ATTRIBUTES(
      "update attributes of",
      EnumSet.of(NEW, IN_FLOW, QUEUED, OFFERED, CONNECTED, HELD, WRAP_UP),
      null);

  private final String verb;
  private final Set<InteractionState> from;
  private final InteractionState to;

  InteractionOperation(String verb, Set<InteractionState> from, InteractionState to) {
    this.verb = verb;
    this.from = from;
    this.to = to;
  }

  /** The operation's name in errors, e.g. {@code accept}. */
  String verb() {
    return verb;
  }

  /** The fixed target state, or null where it depends on the request. */
  InteractionState target() {
    return to;
  }

  boolean allowedFrom(InteractionState state) {
    return from.contains(state);
  }

  /** Throws unless the interaction's state allows this operation. */
  void check(Interaction interaction) {
    if (!allowedFrom(interaction.state())) {
      throw new IllegalTransitionException(
          "interaction " + interaction.id(),
          interaction.state().name(),
          verb,
          "allowed only while " + from);
    }
  }
}
