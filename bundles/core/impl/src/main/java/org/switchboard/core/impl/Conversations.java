package org.switchboard.core.impl;

import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.interaction.Interaction;

/** The rule shared by transcripts and attachments: only open messaging interactions take more. */
final class Conversations {
  private Conversations() {}

  static Interaction find(CoreStore store, String interactionId) {
    if (interactionId == null) {
      throw new NotFoundException("interaction", "null");
    }
    return store
        .snapshots
        .get(interactionId)
        .or(() -> store.read(c -> InteractionRows.find(c, interactionId)))
        .orElseThrow(() -> new NotFoundException("interaction", interactionId));
  }

  static Interaction requireOpen(CoreStore store, String interactionId, String operation) {
    Interaction i = find(store, interactionId);
    if (ChannelType.VOICE.equals(i.channel())) {
      throw new IllegalTransitionException(
          "interaction " + i.id(),
          "a voice call",
          operation,
          "messages belong to messaging channels");
    }
    if (i.state().isFinal()) {
      throw new IllegalTransitionException(
          "interaction " + i.id(), i.state().name(), operation, "the conversation is over");
    }
    return i;
  }
}
