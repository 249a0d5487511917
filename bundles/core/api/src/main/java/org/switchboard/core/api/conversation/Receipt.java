package org.switchboard.core.api.conversation;

/**
 * A party received or read the conversation's messages up to {@code seq}.
 *
 * @param interactionId the conversation
 * @param reader who received or read them: {@link Party#CUSTOMER} or {@link Party#AGENT}
 * @param kind delivered or read
 * @param seq the highest message sequence number covered
 */
public record Receipt(String interactionId, Party reader, Kind kind, long seq) {
  /** What the reader did. */
  public enum Kind {
    /** The reader's device has the messages. */
    DELIVERED,
    /** The reader saw them. */
    READ
  }
}
