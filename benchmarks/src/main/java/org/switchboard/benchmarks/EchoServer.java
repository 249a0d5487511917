package org.switchboard.benchmarks;

import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.servlet.WebSocketServlet;
import org.eclipse.jetty.websocket.servlet.WebSocketServletFactory;

/**
 * The chat benchmark's reference: a WebSocket server on Jetty 9.4 (the web server of Karaf 4.4)
 * that answers each customer message at once with {@code re:} and its text, on 127.0.0.1 and a free
 * port. What Switchboard adds over it is storing, routing and the responder's round trip.
 */
final class EchoServer implements AutoCloseable {
  private final Server server;
  private final int port;

  private EchoServer(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  static EchoServer start() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new EchoServlet()), "/echo");
    server.setHandler(context);
    server.start();
    return new EchoServer(server, connector.getLocalPort());
  }

  int port() {
    return port;
  }

  /** Runs the server alone: prints {@code port N}, serves until killed. */
  public static void main(String[] args) throws Exception {
    EchoServer echo = start();
    System.out.println("port " + echo.port());
    System.out.flush();
    echo.server.join();
  }

  /** Starts {@link #main} in its own JVM (its sockets and CPU apart from the load client's). */
  static Process spawn() throws java.io.IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            EchoServer.class.getName())
        .redirectErrorStream(true)
        .start();
  }

  /** The port a spawned server printed (30 s at most). */
  static int portOf(Process echo) throws Exception {
    var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                echo.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    java.util.concurrent.CompletableFuture<String> first =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return lines.readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String line = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
    if (line == null || !line.startsWith("port ")) {
      throw new IllegalStateException("echo server did not start: " + line);
    }
    return Integer.parseInt(line.substring(5).trim());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Registers {@link Echo} for every connection. */
  static final class EchoServlet extends WebSocketServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void configure(WebSocketServletFactory factory) {
      factory.getPolicy().setIdleTimeout(600_000);
      factory.register(Echo.class);
    }
  }

  /** Answers a message frame's text with {@code re:} and the text. */
  @WebSocket
  public static final class Echo {
    @OnWebSocketMessage
    public void onText(Session session, String frame) {
      int at = frame.indexOf("\"text\":\"");
      if (at < 0) {
        return;
      }
      String text = frame.substring(at + 8, frame.indexOf('"', at + 8));
      session.getRemote().sendString("{\"type\":\"message\",\"text\":\"re:" + text + "\"}", null);
    }
  }
}
