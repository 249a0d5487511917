package org.switchboard.core.api.conversation;

import java.time.Instant;

/**
 * A stored message of a conversation.
 *
 * @param interactionId the interaction (the conversation) it belongs to
 * @param seq its place in the conversation: 1, 2, 3, ... in the order the core stored them, whoever
 *     wrote them
 * @param party who wrote it
 * @param author the writer's display name (the customer's name, the agent's display name)
 * @param clientId the writer's own number for it, by which a message sent twice is stored once; may
 *     be null
 * @param text the text, may be empty when there is an attachment
 * @param attachment the attached file or null
 * @param visibility who may see it
 * @param sentAt when the core stored it
 */
public record Message(
    String interactionId,
    long seq,
    Party party,
    String author,
    String clientId,
    String text,
    Attachment attachment,
    Visibility visibility,
    Instant sentAt) {

  /** Whether the customer may see this message. */
  public boolean customerVisible() {
    return visibility == Visibility.ALL;
  }
}
