package org.switchboard.media.impl;

import java.time.Duration;
import org.switchboard.media.api.Prompt;

/** A prompt in memory: 8 kHz 16-bit mono samples. Immutable (the samples are never written). */
final class PromptAudio implements Prompt {
  private final String name;
  private final short[] samples;

  PromptAudio(String name, short[] samples) {
    this.name = name;
    this.samples = samples;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration duration() {
    return Duration.ofMillis(samples.length / 8L);
  }

  /** The samples; callers must not change them. */
  short[] samples() {
    return samples;
  }

  @Override
  public String toString() {
    return "prompt " + name + " (" + duration().toMillis() + " ms)";
  }
}
