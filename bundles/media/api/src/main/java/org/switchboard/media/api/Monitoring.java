package org.switchboard.media.api;

import java.util.Locale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A supervisor's leg joined to a bridged call (see {@link MediaService#monitor}). The supervisor
 * always hears both the customer and the agent; what the mode changes is who hears the supervisor.
 * Thread-safe.
 */
@ProviderType
public interface Monitoring {

  /** Who hears the supervisor. */
  enum Mode {
    /** Silent monitoring: nobody; the supervisor only listens. */
    LISTEN,
    /** Whisper (coaching): the agent, mixed with the customer; the customer does not. */
    WHISPER,
    /** Barge-in: both, a three-way conversation. */
    BARGE;

    /**
     * The mode named {@code value} ({@code listen}, {@code whisper}, {@code barge}, any case).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Mode parse(String value) {
      if (value != null) {
        for (Mode m : values()) {
          if (m.name().equalsIgnoreCase(value.strip())) {
            return m;
          }
        }
      }
      throw new IllegalArgumentException(
          "mode must be listen, whisper or barge, got '" + value + "'");
    }

    /** The lower-case name used in configuration, APIs and events. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The mode now. */
  Mode mode();

  /** Changes the mode at once (the next 20 ms of audio follow it). */
  void mode(Mode mode);

  /**
   * Takes the supervisor off the call: customer and agent hear each other only, as before.
   * Idempotent; also happens when any of the three sessions closes.
   */
  void stop();

  /** Whether {@link #stop} happened (or a session closed). */
  boolean stopped();
}
