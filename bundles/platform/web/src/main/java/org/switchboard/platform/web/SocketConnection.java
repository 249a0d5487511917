package org.switchboard.platform.web;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** One client's WebSocket, as a {@link SocketHandler} sees it. */
@ProviderType
public interface SocketConnection {
  /** Unique among open connections. */
  String id();

  /**
   * Queues a text frame; frames go out in order without blocking the caller. False when the
   * connection is gone (or was just closed for letting too many frames pile up).
   */
  boolean send(String frame);

  /** Closes the connection with a status code (RFC 6455) and a short reason. */
  void close(int code, String reason);

  /** The handler's per-connection state. */
  Map<String, Object> attributes();
}
