package org.switchboard.media.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Text-to-speech: turns a sentence into audio a {@link MediaSession} can play (load it with {@link
 * MediaService#prompt(Path)}). Switchboard ships one on espeak-ng; a partner's bundle may register
 * a better one (the service with the highest ranking that speaks the language is used).
 * Implementations cache: the same text in the same language is rendered once.
 */
@ConsumerType
public interface Tts {
  /** Whether this engine speaks the language (BCP 47 primary tag, e.g. {@code en}, {@code zh}). */
  boolean speaks(String language);

  /**
   * The audio of {@code text} spoken in {@code language}: a WAV file of 8 kHz 16-bit mono, from the
   * cache when it was rendered before. Blocks while rendering (tens of milliseconds for a
   * sentence): call it off the media and signalling threads.
   *
   * @throws MediaException when the language is not spoken, the text is empty or too long, or the
   *     engine fails
   */
  Path speak(String text, String language) throws MediaException;
}
