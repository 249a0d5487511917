package org.switchboard.ops.rest;

import java.util.List;
import javax.ws.rs.ForbiddenException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.conversation.Attachment;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Visibility;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;

/**
 * Who may write what into a conversation: the agent on the interaction (while connected) as {@code
 * AGENT}; supervisors and admins as {@code SUPERVISOR}, either whispering to the agent ({@code
 * AGENTS}) or barging in ({@code ALL}).
 */
final class Transcripts {
  /** A message as the desk sends it. */
  record MessageRequest(String text, String clientId, Visibility visibility) {}

  /** A message as the API shows it. */
  record MessageView(
      String interaction,
      long seq,
      Party party,
      String author,
      String text,
      org.switchboard.core.api.conversation.Attachment attachment,
      java.time.Instant sentAt,
      Visibility visibility) {
    static MessageView of(Message m) {
      return new MessageView(
          m.interactionId(),
          m.seq(),
          m.party(),
          m.author(),
          m.text(),
          m.attachment(),
          m.sentAt(),
          m.visibility());
    }
  }

  private final ConversationService conversations;
  private final AgentService agents;

  Transcripts(ConversationService conversations, AgentService agents) {
    this.conversations = conversations;
    this.agents = agents;
  }

  List<MessageView> read(Interaction i, long after, int limit) {
    return conversations.history(i.id(), after, limit).stream().map(MessageView::of).toList();
  }

  MessageView write(Interaction i, Caller caller, MessageRequest r) {
    Party party = writer(i, caller, r.visibility());
    NewMessage message =
        new NewMessage(
            party,
            displayName(caller),
            r.clientId(),
            r.text(),
            null,
            party == Party.SUPERVISOR ? r.visibility() : Visibility.ALL);
    return MessageView.of(conversations.append(i.id(), message));
  }

  /** A file the caller sends into the conversation, seen by everyone in it. */
  MessageView attach(Interaction i, Caller caller, Attachment file) {
    Party party = writer(i, caller, Visibility.ALL);
    return MessageView.of(
        conversations.append(
            i.id(), new NewMessage(party, displayName(caller), null, "", file, Visibility.ALL)));
  }

  /**
   * Checks the caller may write into the conversation with that visibility.
   *
   * @return {@code SUPERVISOR} for supervisors and admins, {@code AGENT} for the connected agent
   * @throws ForbiddenException for anyone else, and for an agent asking to whisper
   */
  Party writer(Interaction i, Caller caller, Visibility visibility) {
    if (caller.isManager()) {
      return Party.SUPERVISOR;
    }
    boolean talking =
        caller.name().equals(i.agent())
            && (i.state() == InteractionState.CONNECTED || i.state() == InteractionState.HELD);
    if (!talking) {
      throw new ForbiddenException(
          ApiError.of(
              403, "forbidden", "agents write only in conversations they are connected to"));
    }
    if (visibility == Visibility.AGENTS) {
      throw new org.switchboard.core.api.ValidationException(
          "visibility", "only supervisors whisper");
    }
    return Party.AGENT;
  }

  private String displayName(Caller caller) {
    return agents.find(caller.name()).map(a -> a.displayName()).orElse(caller.name());
  }
}
