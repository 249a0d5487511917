package org.switchboard.media.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears the far end's DTMF digits, once per key press. Called on a media thread. */
@FunctionalInterface
@ConsumerType
public interface DtmfListener {
  /** How a digit arrived. */
  enum Source {
    /** RTP telephone-event (RFC 4733). */
    RFC4733,
    /** SIP INFO (application/dtmf-relay), fed in by the signalling. */
    SIP_INFO,
    /** Tones in the audio itself, detected by the engine (Goertzel). */
    INBAND
  }

  /**
   * @param digit {@code 0-9}, {@code *}, {@code #} or {@code A-D}
   */
  void digit(char digit, Source source);
}
