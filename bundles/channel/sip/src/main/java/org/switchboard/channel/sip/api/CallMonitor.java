package org.switchboard.channel.sip.api;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.media.api.Monitoring;

/**
 * Supervisors on live calls: silent monitoring, whisper (coaching) and barge-in. The supervisor's
 * own registered phone is called (they log their phone in like an agent, with their SIP
 * credential); once it answers it is joined to the call's anchored media in the mode asked for. One
 * supervisor per call at a time. Every start, change and end is recorded on the interaction
 * (attributes {@code monitor.supervisor} and {@code monitor.mode}) and the supervisor's leg is in
 * the call's detail records.
 */
@ProviderType
public interface CallMonitor {

  /** Where a supervisor's leg is. */
  enum State {
    /** Their phone rings. */
    RINGING,
    /** Their phone answered and hears the call. */
    CONNECTED
  }

  /**
   * A supervisor on a call.
   *
   * @param interactionId the monitored call's interaction
   * @param supervisorId the supervisor (their SIP credential's id)
   * @param mode who hears the supervisor
   * @param state ringing or connected
   * @param startedAt when their phone was called
   * @param answeredAt when it answered, null while ringing
   */
  record Session(
      String interactionId,
      String supervisorId,
      Monitoring.Mode mode,
      State state,
      Instant startedAt,
      Instant answeredAt) {}

  /**
   * Calls the supervisor's phone(s) to monitor a connected call; returns once the INVITE is out.
   *
   * @throws org.switchboard.core.api.NotFoundException when no call of this channel has that
   *     interaction
   * @throws org.switchboard.core.api.ConflictException when the call is not connected to an agent,
   *     its media is not anchored, someone already monitors it, or the supervisor has no registered
   *     phone
   */
  Session start(String interactionId, String supervisorId, Monitoring.Mode mode);

  /**
   * Changes the mode of the supervisor on the call (at once when connected, else on answer).
   *
   * @throws org.switchboard.core.api.NotFoundException when that supervisor is not on that call
   */
  Session change(String interactionId, String supervisorId, Monitoring.Mode mode);

  /**
   * Takes the supervisor off the call (hangs up or cancels their leg); customer and agent go on.
   *
   * @throws org.switchboard.core.api.NotFoundException when that supervisor is not on that call
   */
  void stop(String interactionId, String supervisorId);

  /** The supervisor on the call, if any. */
  Optional<Session> of(String interactionId);
}
