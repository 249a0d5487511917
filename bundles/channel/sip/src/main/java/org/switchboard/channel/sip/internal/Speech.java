package org.switchboard.channel.sip.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.Prompt;
import org.switchboard.media.api.Tts;

/**
 * Text spoken to a caller: the highest-ranked text-to-speech that speaks the language renders it,
 * the media engine loads it as a prompt. Renders on the calling thread (tens of milliseconds): call
 * it from the call pool, never from a call's executor or the SIP stack's threads.
 */
final class Speech {
  private static final Logger LOG = LoggerFactory.getLogger(Speech.class);

  private final Supplier<MediaService> media;
  private final Supplier<List<Tts>> engines;

  /**
   * @param engines the text-to-speech services, lowest ranking first (as DS injects them)
   */
  Speech(Supplier<MediaService> media, Supplier<List<Tts>> engines) {
    this.media = media;
    this.engines = engines;
  }

  /** The text as a prompt; empty (logged) when nothing can speak it. */
  Optional<Prompt> say(String text, String language) {
    MediaService engine = media.get();
    List<Tts> all = engines.get();
    for (int i = all.size() - 1; i >= 0 && engine != null; i--) {
      Tts tts = all.get(i);
      if (tts.speaks(language)) {
        try {
          return Optional.of(engine.prompt(tts.speak(text, language)));
        } catch (MediaException e) {
          LOG.warn("Cannot say '{}': {}", text, e.getMessage());
          return Optional.empty();
        }
      }
    }
    LOG.warn("No text-to-speech speaks '{}' (to say '{}')", language, text);
    return Optional.empty();
  }
}
