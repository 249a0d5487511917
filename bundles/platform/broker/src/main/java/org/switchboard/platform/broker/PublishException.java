package org.switchboard.platform.broker;

/**
 * A publish did not complete: the broker is unreachable, did not answer within the call timeout, or
 * refused the message. The message may or may not have arrived; retry later.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
