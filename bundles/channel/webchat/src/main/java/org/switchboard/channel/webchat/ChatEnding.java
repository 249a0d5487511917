package org.switchboard.channel.webchat;

import java.util.Map;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.interaction.Interaction;

/**
 * Ends a chat from the customer's side (they closed it, or never came back): a chat still waiting
 * is abandoned, a connected one goes to the agent's wrap-up.
 */
final class ChatEnding {
  private final WebChat chat;

  ChatEnding(WebChat chat) {
    this.chat = chat;
  }

  void end(ChatSession s, Interaction i, String endedBy) {
    Interaction after = i;
    try {
      after =
          switch (i.state()) {
            case NEW, IN_FLOW, QUEUED, OFFERED ->
                chat.context()
                    .abandoned(
                        chat.context()
                            .updateAttributes(i.id(), Map.of("chat.endedBy", endedBy))
                            .id(),
                        "timeout".equals(endedBy)
                            ? "the customer left the chat page"
                            : "the customer ended the chat");
            case CONNECTED, HELD ->
                chat.context()
                    .conversationEnded(
                        i.id(),
                        Map.of(
                            "chat.endedBy",
                            endedBy,
                            "chat.messages",
                            Long.toString(chat.conversations.count(i.id()))));
            default -> i;
          };
    } catch (SwitchboardException e) {
      // Someone else ended it at the same moment; the session ends either way.
      after = chat.context().find(i.id()).orElse(i);
    }
    s.broadcastStatus(Frames.write(Frames.status("ended", null, null, null)));
    chat.finish(s, after, endedBy);
  }
}
