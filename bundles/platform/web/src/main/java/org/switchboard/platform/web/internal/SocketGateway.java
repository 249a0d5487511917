package org.switchboard.platform.web.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.PathParam;
import javax.websocket.server.ServerEndpoint;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.platform.web.FrameSender;
import org.switchboard.platform.web.SocketConnection;
import org.switchboard.platform.web.SocketHandler;
import org.switchboard.platform.web.WebSockets;

/**
 * The one WebSocket endpoint of the appliance, {@code /ws/<area>}, published once on the Pax Web
 * whiteboard in a context of its own ({@link SocketContext}). Each connection goes to the {@link
 * SocketHandler} of its area; a handler that goes away takes only its own connections with it
 * (1001), and while an area has no handler new connections are told to try again (1013).
 */
@ServerEndpoint("/{area}")
@Component(
    service = SocketGateway.class,
    property = {
      "org.ops4j.pax.web.http.whiteboard.websocket=true",
      "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name="
          + SocketContext.NAME
          + ")"
    })
public class SocketGateway {
  private static final Logger LOG = LoggerFactory.getLogger(SocketGateway.class);
  private static final String CONNECTION = "switchboard.socket.connection";
  private static final int DEFAULT_MAX_FRAME = 64 * 1024;

  /** Frames that may wait for a slow client before it is disconnected. */
  private static final int BACKLOG = 2000;

  private final Map<String, SocketHandler> handlers = new ConcurrentHashMap<>();
  private final Map<String, Integer> maxFrames = new ConcurrentHashMap<>();
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addHandler(SocketHandler handler, Map<String, Object> properties) {
    Object area = properties.get(SocketHandler.AREA);
    if (!(area instanceof String a) || !a.matches("[a-z][a-z0-9-]{0,31}")) {
      LOG.warn(
          "socket handler {} without a valid {} property is ignored", handler, SocketHandler.AREA);
      return;
    }
    Object max = properties.get(SocketHandler.MAX_FRAME);
    maxFrames.put(a, max instanceof Number n ? n.intValue() : DEFAULT_MAX_FRAME);
    SocketHandler previous = handlers.put(a, handler);
    if (previous != null) {
      LOG.warn("a second socket handler for /ws/{} replaces {}", a, previous);
      closeAll(previous);
    }
  }

  void removeHandler(SocketHandler handler, Map<String, Object> properties) {
    Object area = properties.get(SocketHandler.AREA);
    if (area instanceof String a && handlers.remove(a, handler)) {
      closeAll(handler);
    }
  }

  @Deactivate
  void deactivate() {
    handlers.values().forEach(this::closeAll);
  }

  @OnOpen
  public void open(Session session, @PathParam("area") String area) {
    SocketHandler handler = handlers.get(area);
    if (handler == null) {
      close(session, WebSockets.CLOSE_TRY_AGAIN, "nothing serves /ws/" + area + " right now");
      return;
    }
    session.setMaxTextMessageBufferSize(maxFrames.getOrDefault(area, DEFAULT_MAX_FRAME));
    session.setMaxIdleTimeout(90_000);
    Connection c = new Connection(session, handler);
    session.getUserProperties().put(CONNECTION, c);
    open.add(c);
    handler.opened(c);
  }

  @OnMessage
  public void message(Session session, String text) {
    Connection c = (Connection) session.getUserProperties().get(CONNECTION);
    if (c != null) {
      c.handler.message(c, text);
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    Connection c = (Connection) session.getUserProperties().remove(CONNECTION);
    if (c != null && open.remove(c)) {
      c.handler.closed(c);
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.debug("socket {}: {}", session.getId(), error.toString());
  }

  private void closeAll(SocketHandler handler) {
    for (Connection c : open) {
      if (c.handler == handler) {
        c.close(WebSockets.CLOSE_GOING_AWAY, "restarting");
      }
    }
  }

  private static void close(Session session, int code, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing socket {}: {}", session.getId(), e.toString());
    }
  }

  /** One connection, bound to the handler that accepted it. */
  private static final class Connection implements SocketConnection {
    private final Session session;
    private final SocketHandler handler;
    private final FrameSender sender;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    Connection(Session session, SocketHandler handler) {
      this.session = session;
      this.handler = handler;
      this.sender = new FrameSender(session, BACKLOG);
    }

    @Override
    public String id() {
      return session.getId();
    }

    @Override
    public boolean send(String frame) {
      return sender.send(frame);
    }

    @Override
    public void close(int code, String reason) {
      SocketGateway.close(session, code, reason);
    }

    @Override
    public Map<String, Object> attributes() {
      return attributes;
    }
  }
}
