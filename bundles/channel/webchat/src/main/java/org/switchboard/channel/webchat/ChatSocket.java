package org.switchboard.channel.webchat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.platform.web.SocketConnection;
import org.switchboard.platform.web.SocketHandler;
import org.switchboard.platform.web.WebSockets;

/**
 * The widget's WebSocket, {@code /ws/chat}: each connection is a customer, bound to the chat it
 * started or resumed. When this bundle stops, its connections are closed (1001) and the widgets
 * resume once it is back.
 */
@Component(
    service = SocketHandler.class,
    property = {SocketHandler.AREA + "=chat", SocketHandler.MAX_FRAME + ":Integer=65536"})
public class ChatSocket implements SocketHandler {
  private static final String VISITOR = "switchboard.chat.visitor";

  private final WebChat chat;
  private final ChatRequests requests;
  private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();

  @Activate
  public ChatSocket(@Reference WebChat chat) {
    this.chat = chat;
    this.requests = new ChatRequests(chat);
  }

  /** One customer connection and the chat it is bound to. */
  private static final class Connection implements Visitor {
    final SocketConnection socket;
    volatile ChatSession bound;

    Connection(SocketConnection socket) {
      this.socket = socket;
    }

    @Override
    public void reply(String frame) {
      socket.send(frame);
    }
  }

  @Deactivate
  void deactivate() {
    open.forEach(c -> c.close(WebSockets.CLOSE_GOING_AWAY, "restarting"));
  }

  @Override
  public void opened(SocketConnection socket) {
    open.add(socket);
    socket.attributes().put(VISITOR, new Connection(socket));
  }

  @Override
  public void message(SocketConnection socket, String text) {
    Connection c = (Connection) socket.attributes().get(VISITOR);
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

  @Override
  public void closed(SocketConnection socket) {
    open.remove(socket);
    Connection c = (Connection) socket.attributes().remove(VISITOR);
    if (c != null && c.bound != null) {
      c.bound.detach(c, chat.clock.instant());
    }
  }
}
