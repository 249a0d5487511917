package org.switchboard.platform.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves the WebSocket connections of one area ({@code /ws/<area>}), registered as an OSGi service
 * with {@link #AREA}. The web server's endpoint stays put while handlers come and go, so updating
 * the bundle of a handler never restarts the web server's context (which would drop every other
 * connection): its own connections are closed with 1001 and the clients reconnect when it is back.
 * Called on the web server's threads: return quickly.
 */
@ConsumerType
public interface SocketHandler {
  /** Service property: the area served, e.g. {@code chat} for {@code /ws/chat}. */
  String AREA = "switchboard.socket.area";

  /** Service property: the largest text frame accepted, in bytes (default 64 KiB). */
  String MAX_FRAME = "switchboard.socket.maxFrame";

  /** A client connected. */
  void opened(SocketConnection connection);

  /** A text frame arrived (frames over the size limit close the connection with 1009 first). */
  void message(SocketConnection connection, String text);

  /** The connection is gone, whoever closed it. */
  void closed(SocketConnection connection);
}
