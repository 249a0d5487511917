package org.switchboard.flow.impl.model;

import java.util.List;

/**
 * What a node says to the customer: recorded prompts, then a text (spoken by text-to-speech on
 * voice, sent as a message on chat). Either part may be absent.
 *
 * @param prompts prompt ids, possibly empty
 * @param text a text with {@code ${name}} placeholders, or null
 */
public record Announcement(List<String> prompts, String text) {
  /** Nothing to say. */
  public static final Announcement NONE = new Announcement(List.of(), null);

  public Announcement {
    prompts = List.copyOf(prompts);
  }

  /** Whether there is nothing to say. */
  public boolean isEmpty() {
    return prompts.isEmpty() && text == null;
  }
}
