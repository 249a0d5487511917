package org.switchboard.media.api;

/**
 * The media engine has no room for another session right now: {@code maxSessions} are open, every
 * RTP port pair of the range is taken, or the engine is stopping. Nothing is wrong with the call; a
 * signalling channel answers it as temporarily unavailable (SIP: {@code 503} with {@code
 * Retry-After}) rather than as an unacceptable offer.
 */
public class MediaBusyException extends MediaException {
  private static final long serialVersionUID = 1L;

  public MediaBusyException(String message) {
    super(message);
  }
}
