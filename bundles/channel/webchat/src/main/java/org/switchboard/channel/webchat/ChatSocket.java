package org.switchboard.channel.webchat;

import javax.websocket.CloseReason;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.ServerEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.platform.web.FrameSender;
import org.switchboard.platform.web.WebSockets;

/**
 * The widget's WebSocket at {@code /chat/ws}. One instance serves every connection; each
 * connection's state (its sender and the chat it is bound to) is in the session's properties.
 */
@ServerEndpoint("/chat/ws")
@Component(service = ChatSocket.class, property = WebSockets.WHITEBOARD_PROPERTY)
public class ChatSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

  /** Largest frame accepted; a bigger one closes the connection (1009). */
  static final int MAX_FRAME = 64 * 1024;

  private static final String CONNECTION = "switchboard.chat.connection";
  private final WebChat chat;
  private final ChatRequests requests;

  @Activate
  public ChatSocket(@Reference WebChat chat) {
    this.chat = chat;
    this.requests = new ChatRequests(chat);
  }

  /** One customer connection. */
  private static final class Connection implements Visitor {
    final FrameSender sender;
    volatile ChatSession bound;

    Connection(Session session) {
      this.sender = new FrameSender(session, 500);
    }

    @Override
    public void reply(String frame) {
      sender.send(frame);
    }
  }

  @OnOpen
  public void open(Session session) {
    session.setMaxTextMessageBufferSize(MAX_FRAME);
    session.setMaxIdleTimeout(90_000);
    session.getUserProperties().put(CONNECTION, new Connection(session));
  }

  @OnMessage
  public void message(Session session, String text) {
    Connection c = (Connection) session.getUserProperties().get(CONNECTION);
    if (c == null) {
      return;
    }
    ChatSession before = c.bound;
    ChatSession after = requests.handle(c, before, text);
    if (after != before) {
      if (before != null) {
        before.detach(c, chat.clock.instant());
      }
      if (after != null) {
        after.attach(c, chat.clock.instant());
      }
      c.bound = after;
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    Connection c = (Connection) session.getUserProperties().remove(CONNECTION);
    if (c != null && c.bound != null) {
      c.bound.detach(c, chat.clock.instant());
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.debug("chat socket {}: {}", session.getId(), error.toString());
  }
}
