package org.switchboard.media.api;

/** Media could not be set up: no port free, an SDP that cannot be answered, a missing prompt. */
public class MediaException extends Exception {
  private static final long serialVersionUID = 1L;

  public MediaException(String message) {
    super(message);
  }

  public MediaException(String message, Throwable cause) {
    super(message, cause);
  }
}
