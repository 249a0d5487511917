package org.switchboard.core.api.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Files sent in conversations, kept by the core beside the transcript and deleted with it. The
 * channel that received a file checks it against its own policy (types, size) first; the store
 * keeps it under a random id, never under the sender's name.
 */
@ProviderType
public interface AttachmentStore {
  /** Largest file the core keeps, whatever a channel allows. */
  long MAX_BYTES = 50L * 1024 * 1024;

  /**
   * Stores a file of an open messaging interaction.
   *
   * @param name the sender's name for it, kept for display only (made safe: no paths, no control
   *     characters, at most 200 characters)
   * @param maxBytes the caller's limit (at most {@link #MAX_BYTES})
   * @return the attachment to put in a {@link NewMessage}
   * @throws org.switchboard.core.api.ValidationException {@code attachment} when the content is
   *     larger than {@code maxBytes} (nothing is kept)
   * @throws org.switchboard.core.api.NotFoundException when the interaction does not exist
   * @throws org.switchboard.core.api.IllegalTransitionException when it is over or a voice call
   * @throws IOException when the content cannot be read or written
   */
  Attachment store(
      String interactionId, String name, String contentType, InputStream content, long maxBytes)
      throws IOException;

  /** A stored file of the interaction, or empty. */
  Optional<StoredAttachment> find(String interactionId, String attachmentId);

  /** A stored file and how to read it. */
  interface StoredAttachment {
    Attachment attachment();

    /** A new stream of the content; the caller closes it. */
    InputStream open() throws IOException;
  }
}
