package org.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare WebSocket client of JSON frames (the JDK's), for the protocol tests. */
final class FrameClient implements AutoCloseable, WebSocket.Listener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static FrameClient open(int port, String path) throws Exception {
    FrameClient c = new FrameClient();
    c.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + path), c)
            .get(10, TimeUnit.SECONDS);
    return c;
  }

  /** Sends a frame and returns the next frame received (10 s at most). */
  JsonNode ask(String frame) throws Exception {
    send(frame);
    return next();
  }

  void send(String frame) throws Exception {
    socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
  }

  /** The next frame received (10 s at most). */
  JsonNode next() throws Exception {
    String frame = frames.poll(10, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within 10 s");
    }
    return JSON.readTree(frame);
  }

  /** Frames until one of {@code type} arrives; that one. */
  JsonNode until(String type) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode f = next();
      if (type.equals(f.path("type").asText())) {
        return f;
      }
    }
    throw new AssertionError("no " + type + " frame among 100");
  }

  /** Sends a frame and returns the close code the server answered with. */
  int sendAndAwaitClose(String frame) throws Exception {
    socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
    return awaitClose();
  }

  int awaitClose() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      frames.add(partial.toString());
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(-1);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
    socket.abort();
  }
}
