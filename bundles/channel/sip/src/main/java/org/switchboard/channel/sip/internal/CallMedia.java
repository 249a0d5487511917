package org.switchboard.channel.sip.internal;

import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Recording;

/**
 * A call's audio anchored at Switchboard: the customer's leg and the current agent's leg each end
 * at a media session of the engine, which bridges them, plays the queue's treatment and records.
 * Touched only from the call's {@link SerialExecutor}, like the rest of {@link Call}.
 */
final class CallMedia {
  /** The customer's leg: open for the whole call. */
  final MediaSession customer;

  /** Our SDP for the customer: the answer to their offer, or our offer when they made none. */
  final byte[] customerSdp;

  /**
   * We made the offer and the customer's answer is still to come: in their ACK (their INVITE had no
   * SDP) or in their 200 (we called them).
   */
  boolean customerAnswerPending;

  /** The leg of the agent being rung or talked to; null between agents. */
  MediaSession agent;

  /** Our SDP offer in the INVITEs to the current agent's phones. */
  byte[] agentOffer;

  /** The recording of the current bridge, null when none. */
  Recording recording;

  /** What the catalogue planned for that recording (its id and file). */
  org.switchboard.recording.api.PlannedRecording planned;

  /** How many recordings this call made (each bridge to an agent makes one). */
  int recordings;

  /** The call is on hold in the core: the customer hears music, the legs are not bridged. */
  boolean onHold;

  /** The customer hears the queue's treatment (greeting, then music). */
  boolean treatmentPlaying;

  /** The customer has heard the greeting of the queue they entered. */
  boolean greeted;

  /** Where the caller can be called back if they ask while waiting; null when not offered. */
  String callbackNumber;

  /** The periodic place-in-line announcement while the call waits, null when none. */
  java.util.concurrent.ScheduledFuture<?> announcements;

  /** The engine the sessions live in. */
  private final org.switchboard.media.api.MediaService engine;

  CallMedia(
      org.switchboard.media.api.MediaService engine,
      MediaSession customer,
      byte[] customerSdp,
      boolean customerAnswerPending) {
    this.engine = engine;
    this.customer = customer;
    this.customerSdp = customerSdp;
    this.customerAnswerPending = customerAnswerPending;
  }

  /** Whether this call's audio lives in {@code other}. */
  boolean of(org.switchboard.media.api.MediaService other) {
    return engine == other;
  }
}
