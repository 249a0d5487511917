package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.websocket.CloseReason;
import javax.websocket.RemoteEndpoint;
import javax.websocket.SendHandler;
import javax.websocket.SendResult;
import javax.websocket.Session;
import org.junit.jupiter.api.Test;

class FrameSenderTest {
  private final List<String> written = new ArrayList<>();
  private final List<SendHandler> pending = new ArrayList<>();
  private final List<CloseReason> closes = new ArrayList<>();

  private Session session() {
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (p, m, args) -> {
                  if (m.getName().equals("sendText") && args.length == 2) {
                    written.add((String) args[0]);
                    pending.add((SendHandler) args[1]);
                  }
                  return null;
                });
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (p, m, args) ->
                switch (m.getName()) {
                  case "getAsyncRemote" -> remote;
                  case "getId" -> "s1";
                  case "close" -> {
                    closes.add((CloseReason) args[0]);
                    yield null;
                  }
                  default -> null;
                });
  }

  private void complete(boolean ok) {
    SendHandler h = pending.remove(0);
    h.onResult(ok ? new SendResult() : new SendResult(new java.io.IOException("gone")));
  }

  @Test
  void framesGoOutInOrderOneAtATime() {
    FrameSender sender = new FrameSender(session(), 10);
    sender.send("a");
    sender.send("b");
    sender.send("c");
    assertThat(written).containsExactly("a");
    assertThat(sender.backlog()).isEqualTo(2);
    complete(true);
    complete(true);
    complete(true);
    assertThat(written).containsExactly("a", "b", "c");
    assertThat(sender.backlog()).isZero();
  }

  @Test
  void aClientThatDoesNotReadIsDisconnected() {
    FrameSender sender = new FrameSender(session(), 2);
    assertThat(sender.send("1")).isTrue();
    assertThat(sender.send("2")).isTrue();
    assertThat(sender.send("3")).isTrue();
    assertThat(sender.send("4")).isFalse();
    assertThat(closes).hasSize(1);
    assertThat(closes.get(0).getCloseCode().getCode()).isEqualTo(WebSockets.CLOSE_POLICY);
    assertThat(sender.send("5")).isFalse();
  }

  @Test
  void aFailedWriteStopsTheSender() {
    FrameSender sender = new FrameSender(session(), 10);
    sender.send("a");
    sender.send("b");
    complete(false);
    assertThat(written).containsExactly("a");
    assertThat(sender.send("c")).isFalse();
  }
}
