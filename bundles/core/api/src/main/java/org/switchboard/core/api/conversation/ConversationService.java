package org.switchboard.core.api.conversation;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The transcripts of interactions on messaging channels. Appending is durable when it returns; the
 * {@linkplain ConversationListener listeners} hear of it right after.
 */
@ProviderType
public interface ConversationService {
  /** Most messages one {@link #history} call returns. */
  int MAX_PAGE = 500;

  /**
   * Stores a message with the conversation's next sequence number. A message with a {@code
   * clientId} the same party already used in this conversation is not stored again: the stored one
   * is returned.
   *
   * @throws org.switchboard.core.api.NotFoundException when the interaction does not exist
   * @throws org.switchboard.core.api.IllegalTransitionException when it is over (closed or
   *     abandoned) or is a voice call
   */
  Message append(String interactionId, NewMessage message);

  /**
   * The messages after {@code afterSeq}, oldest first, at most {@code limit} (1 to {@value
   * #MAX_PAGE}).
   */
  List<Message> history(String interactionId, long afterSeq, int limit);

  /** How many messages the conversation has. */
  long count(String interactionId);

  /**
   * Records that a party received or read messages up to a sequence number; a lower number than the
   * one recorded changes nothing. Listeners hear of a change.
   */
  void receipt(Receipt receipt);

  /** The receipts recorded for a conversation (per reader and kind, the highest). */
  List<Receipt> receipts(String interactionId);

  /** Tells listeners that a party is typing; nothing is stored. */
  void typing(String interactionId, Party party, String author);
}
