package org.switchboard.media.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** Audio ready to play: a named prompt converted once to 8 kHz 16-bit mono and kept in memory. */
@ProviderType
public interface Prompt {
  /** The prompt's name (its file name without extension, e.g. {@code welcome}). */
  String name();

  /** How long it plays. */
  Duration duration();
}
