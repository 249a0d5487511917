package org.switchboard.channel.webchat;

/** A customer frame that cannot be served; answered as an {@code error} frame, never fatal. */
final class FrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String code;
  final String field;
  final String clientId;

  FrameException(String code, String message) {
    this(code, message, null, null);
  }

  FrameException(String code, String message, String field, String clientId) {
    super(message, null, false, false);
    this.code = code;
    this.field = field;
    this.clientId = clientId;
  }
}
