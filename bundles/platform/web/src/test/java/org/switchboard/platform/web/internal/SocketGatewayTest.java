package org.switchboard.platform.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.websocket.CloseReason;
import javax.websocket.Session;
import org.junit.jupiter.api.Test;
import org.switchboard.platform.web.SocketConnection;
import org.switchboard.platform.web.SocketHandler;
import org.switchboard.platform.web.WebSockets;

class SocketGatewayTest {
  private final SocketGateway gateway = new SocketGateway();

  /** A client socket: what it was closed with. */
  private static final class Client {
    final Map<String, Object> properties = new HashMap<>();
    final List<Integer> closes = new ArrayList<>();
    final Session session =
        (Session)
            Proxy.newProxyInstance(
                SocketGatewayTest.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (p, m, args) ->
                    switch (m.getName()) {
                      case "getUserProperties" -> properties;
                      case "getId" -> "c" + System.identityHashCode(this);
                      case "close" -> {
                        closes.add(((CloseReason) args[0]).getCloseCode().getCode());
                        yield null;
                      }
                      default -> null;
                    });
  }

  /** A handler that records what it heard. */
  private static final class Recorder implements SocketHandler {
    final List<String> heard = new ArrayList<>();

    @Override
    public void opened(SocketConnection c) {
      heard.add("opened");
    }

    @Override
    public void message(SocketConnection c, String text) {
      heard.add(text);
    }

    @Override
    public void closed(SocketConnection c) {
      heard.add("closed");
    }
  }

  private static Map<String, Object> area(String name) {
    return Map.of(SocketHandler.AREA, name);
  }

  @Test
  void connectionsGoToTheirAreasHandler() {
    Recorder chat = new Recorder();
    gateway.addHandler(chat, area("chat"));
    Client c = new Client();
    gateway.open(c.session, "chat");
    gateway.message(c.session, "hello");
    gateway.close(c.session, null);
    assertThat(chat.heard).containsExactly("opened", "hello", "closed");
  }

  @Test
  void anAreaWithoutHandlerSaysTryAgain() {
    Client c = new Client();
    gateway.open(c.session, "desk");
    assertThat(c.closes).containsExactly(WebSockets.CLOSE_TRY_AGAIN);
    gateway.message(c.session, "ignored");
  }

  @Test
  void aHandlerThatGoesAwayTakesOnlyItsConnections() {
    Recorder chat = new Recorder();
    Recorder desk = new Recorder();
    gateway.addHandler(chat, area("chat"));
    gateway.addHandler(desk, area("desk"));
    Client customer = new Client();
    Client agent = new Client();
    gateway.open(customer.session, "chat");
    gateway.open(agent.session, "desk");
    gateway.removeHandler(chat, area("chat"));
    assertThat(customer.closes).containsExactly(WebSockets.CLOSE_GOING_AWAY);
    assertThat(agent.closes).isEmpty();
    Client late = new Client();
    gateway.open(late.session, "chat");
    assertThat(late.closes).containsExactly(WebSockets.CLOSE_TRY_AGAIN);
  }

  @Test
  void aHandlerWithoutAValidAreaIsIgnored() {
    Recorder odd = new Recorder();
    gateway.addHandler(odd, Map.of(SocketHandler.AREA, "../x"));
    Client c = new Client();
    gateway.open(c.session, "../x");
    assertThat(odd.heard).isEmpty();
  }
}
