package org.switchboard.core.api.conversation;

import java.util.regex.Pattern;
import org.switchboard.core.api.ValidationException;

/**
 * A message to append to a conversation.
 *
 * @param party who writes it
 * @param author the writer's display name (1-200 characters)
 * @param clientId the writer's number for it (1-64 of {@code [A-Za-z0-9._:-]}), so that sending it
 *     again after a lost answer stores it once; null when the writer does not resend
 * @param text 0 to {@value #MAX_TEXT} characters; empty only with an attachment
 * @param attachment the attached file or null
 * @param visibility who may see it; {@link Visibility#AGENTS} is for supervisors' whispers
 */
public record NewMessage(
    Party party,
    String author,
    String clientId,
    String text,
    Attachment attachment,
    Visibility visibility) {
  /** Longest text the core stores; channels may set lower limits. */
  public static final int MAX_TEXT = 8000;

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public NewMessage {
    if (party == null) {
      throw new ValidationException("party", "is required");
    }
    if (author == null || author.isBlank() || author.length() > 200) {
      throw new ValidationException("author", "must be 1-200 characters");
    }
    if (clientId != null && !CLIENT_ID.matcher(clientId).matches()) {
      throw new ValidationException("clientId", "must be 1-64 of A-Z a-z 0-9 . _ : -");
    }
    text = text == null ? "" : text;
    if (text.length() > MAX_TEXT) {
      throw new ValidationException("text", "must be at most " + MAX_TEXT + " characters");
    }
    if (text.isBlank() && attachment == null) {
      throw new ValidationException("text", "is required (or an attachment)");
    }
    visibility = visibility == null ? Visibility.ALL : visibility;
    if (visibility == Visibility.AGENTS && party == Party.CUSTOMER) {
      throw new ValidationException("visibility", "a customer's message is visible to all");
    }
  }

  /** A text message visible to all. */
  public static NewMessage text(Party party, String author, String clientId, String text) {
    return new NewMessage(party, author, clientId, text, null, Visibility.ALL);
  }
}
