package org.switchboard.platform.web;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import javax.websocket.CloseReason;
import javax.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends text frames to one WebSocket connection in order, one at a time, without blocking the
 * caller. Frames wait in a bounded queue; a client that lets more than {@code limit} frames pile up
 * is too slow to serve and is disconnected (1008), so one stuck browser cannot exhaust memory. Safe
 * for concurrent callers.
 */
public final class FrameSender {
  private static final Logger LOG = LoggerFactory.getLogger(FrameSender.class);

  private final Session session;
  private final int limit;
  private final Queue<String> waiting = new ArrayDeque<>();
  private boolean sending;
  private boolean closed;

  /**
   * @param session the connection
   * @param limit most frames that may wait for the connection
   */
  public FrameSender(Session session, int limit) {
    this.session = session;
    this.limit = limit;
  }

  /** Queues a frame; false when the connection is gone or was just closed for being too slow. */
  public boolean send(String frame) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (sending) {
        if (waiting.size() >= limit) {
          closed = true;
          waiting.clear();
        } else {
          waiting.add(frame);
          return true;
        }
      } else {
        sending = true;
      }
    }
    if (closed) {
      closeSlow();
      return false;
    }
    write(frame);
    return true;
  }

  /** Frames waiting to be written. */
  public synchronized int backlog() {
    return waiting.size();
  }

  private void write(String frame) {
    try {
      session.getAsyncRemote().sendText(frame, result -> next(result.isOK()));
    } catch (RuntimeException e) {
      LOG.debug("cannot write to {}: {}", session.getId(), e.toString());
      next(false);
    }
  }

  private void next(boolean ok) {
    String frame;
    synchronized (this) {
      if (!ok) {
        closed = true;
        waiting.clear();
      }
      frame = closed ? null : waiting.poll();
      sending = frame != null;
    }
    if (frame != null) {
      write(frame);
    }
  }

  private void closeSlow() {
    try {
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.getCloseCode(WebSockets.CLOSE_POLICY),
              "too slow: more than " + limit + " frames waiting"));
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing {} failed: {}", session.getId(), e.toString());
    }
  }
}
