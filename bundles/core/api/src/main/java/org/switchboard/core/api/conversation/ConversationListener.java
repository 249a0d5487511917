package org.switchboard.core.api.conversation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that hears of conversations as they happen (channels pushing to customers, the
 * desk feed pushing to agents). Called on the writer's thread right after the change is stored:
 * implementations return quickly and never throw for expected conditions.
 */
@ConsumerType
public interface ConversationListener {
  /** A message was stored (not for a resent duplicate). */
  void appended(Message message);

  /** A receipt moved forward. */
  default void receipt(Receipt receipt) {}

  /** Someone is typing. */
  default void typing(String interactionId, Party party, String author) {}
}
