package org.switchboard.media.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when prompts given to {@link MediaSession#play} stop. Called on a media thread. */
@FunctionalInterface
@ConsumerType
public interface PlaybackListener {
  /**
   * @param interrupted true when they were stopped (another play, stopPlaying, close) before the
   *     end
   */
  void done(boolean interrupted);
}
