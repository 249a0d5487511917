package org.switchboard.media.impl;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.switchboard.media.api.PlaybackListener;

/**
 * Plays a list of prompts, one after the other, optionally in a loop: hands out their samples a
 * frame at a time on the media clock, and tells its listener once, when the prompts end or are
 * interrupted. Reading is for the clock thread only; {@link #finish} is thread-safe.
 */
final class Player {
  private final List<PromptAudio> prompts;
  private final boolean loop;
  private final PlaybackListener listener;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final boolean empty;
  private int index;
  private int position;

  Player(List<PromptAudio> prompts, boolean loop, PlaybackListener listener) {
    this.prompts = List.copyOf(prompts);
    this.loop = loop;
    this.listener = listener;
    this.empty = this.prompts.stream().allMatch(p -> p.samples().length == 0);
  }

  /** Copies up to {@code n} samples into {@code out}; fewer (maybe 0) once the prompts end. */
  int read(short[] out, int n) {
    int filled = 0;
    while (filled < n && !empty && index < prompts.size()) {
      short[] samples = prompts.get(index).samples();
      int count = Math.min(n - filled, samples.length - position);
      System.arraycopy(samples, position, out, filled, count);
      filled += count;
      position += count;
      if (position >= samples.length) {
        position = 0;
        index++;
        index = loop && index == prompts.size() ? 0 : index;
      }
    }
    return filled;
  }

  /**
   * Ends the playback and tells the listener, unless it already ended.
   *
   * @return whether this call ended it
   */
  boolean finish(boolean interrupted) {
    if (!finished.compareAndSet(false, true)) {
      return false;
    }
    if (listener != null) {
      try {
        listener.done(interrupted);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Player.class).warn("playback listener failed: {}", e.toString(), e);
      }
    }
    return true;
  }

  boolean finished() {
    return finished.get();
  }
}
