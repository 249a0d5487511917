package org.switchboard.crm.api;

import java.time.Instant;

/**
 * A note an agent or supervisor wrote about a customer ("prefers email", "promised a refund").
 *
 * @param id the note's id
 * @param customerId whom it is about
 * @param author the user who wrote it
 * @param text what they wrote, at most {@value #MAX_LENGTH} characters
 * @param interactionId the interaction it was written during, null when none
 * @param createdAt when it was written
 * @since 1.2
 */
public record CustomerNote(
    String id,
    String customerId,
    String author,
    String text,
    String interactionId,
    Instant createdAt) {
  /** The longest note. */
  public static final int MAX_LENGTH = 2000;
}
