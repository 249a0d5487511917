package org.switchboard.media.api;

import org.osgi.annotation.versioning.ProviderType;

/** A call being recorded (see {@link MediaService#record}). Thread-safe. */
@ProviderType
public interface Recording {
  /** Writes silence instead of the call (e.g. while a card number is given) until resume. */
  void pause();

  /** Records the call again after a pause. */
  void resume();

  /** Whether the recording is paused now. */
  boolean paused();

  /**
   * Ends the recording and completes the file. Idempotent: later calls return the same result.
   *
   * @throws MediaException when the file could not be written completely
   */
  RecordedFile stop() throws MediaException;
}
