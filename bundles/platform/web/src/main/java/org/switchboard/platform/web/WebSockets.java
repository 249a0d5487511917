package org.switchboard.platform.web;

/** WebSocket close codes (RFC 6455) the handlers use. */
public final class WebSockets {
  /** Normal closure. */
  public static final int CLOSE_NORMAL = 1000;

  /** The server is going away (restarting, its handler being updated): reconnect later. */
  public static final int CLOSE_GOING_AWAY = 1001;

  /** The peer violated the protocol or a policy (e.g. a client too slow to read its frames). */
  public static final int CLOSE_POLICY = 1008;

  /** Nothing serves this area right now: try again later. */
  public static final int CLOSE_TRY_AGAIN = 1013;

  private WebSockets() {}
}
