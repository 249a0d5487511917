package org.switchboard.core.api.conversation;

import org.switchboard.core.api.ValidationException;

/**
 * A file sent with a message. The channel that received it stores the content; the message refers
 * to it by {@code id}.
 *
 * @param id the channel's identifier of the stored file (1-64 letters, digits, dashes)
 * @param name the file's name as the sender gave it, for display only (1-200 characters)
 * @param contentType its media type, checked against the content when it was stored
 * @param size its length in bytes
 */
public record Attachment(String id, String name, String contentType, long size) {
  public Attachment {
    if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ValidationException("attachment.id", "must be 1-64 letters, digits or dashes");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new ValidationException("attachment.name", "must be 1-200 characters");
    }
    if (contentType == null || !contentType.matches("[a-z]+/[a-z0-9.+-]{1,100}")) {
      throw new ValidationException("attachment.contentType", "must be a media type");
    }
    if (size < 0) {
      throw new ValidationException("attachment.size", "must not be negative");
    }
  }
}
