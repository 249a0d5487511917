package org.switchboard.platform.web;

/** Constants for publishing JSR 356 endpoints on Karaf's web server (Pax Web whiteboard). */
public final class WebSockets {
  /**
   * Service property that makes Pax Web deploy a registered {@code @ServerEndpoint} object as a
   * WebSocket endpoint. The registered instance serves every connection, so it keeps per-connection
   * state in {@link javax.websocket.Session#getUserProperties()} or maps keyed by session.
   */
  public static final String WHITEBOARD_PROPERTY =
      "org.ops4j.pax.web.http.whiteboard.websocket=true";

  /** Normal closure (RFC 6455). */
  public static final int CLOSE_NORMAL = 1000;

  /** The peer violated the protocol or a policy (e.g. a client too slow to read its frames). */
  public static final int CLOSE_POLICY = 1008;

  private WebSockets() {}
}
