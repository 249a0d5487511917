package org.switchboard.flow.impl.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.flow.api.DataDip;
import org.switchboard.flow.impl.testing.Flows;

class CamelDipRoutesTest {
  @TempDir Path dips;
  private HttpServer server;
  private ExecutorService serverThreads;
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, DataDip> published = new ConcurrentHashMap<>();
  private CamelDipRoutes routes;
  private int port;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/orders/", this::order);
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(exchange, 200, "{}");
        });
    server.createContext(
        "/broken", exchange -> reply(exchange, 500, "{\"error\":\"database down\"}"));
    server.start();
    port = server.getAddress().getPort();
    routes =
        new CamelDipRoutes(
            dips,
            Duration.ofMillis(1000),
            2,
            (name, dip) -> {
              published.put(name, dip);
              return () -> published.remove(name);
            });
  }

  @AfterEach
  void stop() {
    release.countDown();
    routes.close();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void order(HttpExchange exchange) throws IOException {
    String number = exchange.getRequestURI().getPath().substring("/orders/".length());
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    reply(
        exchange,
        200,
        """
        {"status": "shipped", "order": {"number": "%s", "eta": "2025-06-05", "lines": [{"sku": "A1"}]}, "note": null}
        """
            .formatted(number));
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void writeRoutes(String file, String text) throws IOException {
    Path path = dips.resolve(file);
    Files.writeString(path, text.replace("PORT", String.valueOf(port)));
    Files.setLastModifiedTime(
        path, FileTime.fromMillis(System.currentTimeMillis() + (long) (Math.random() * 100_000)));
  }

  private static final String ROUTES =
      """
      - route:
          id: order-status
          from:
            uri: direct:dip-order-status
            steps:
              - toD:
                  uri: "http://127.0.0.1:PORT/orders/${header.orderNumber}?httpMethod=GET"
      - route:
          id: slow
          from:
            uri: direct:dip-slow
            steps:
              - to: "http://127.0.0.1:PORT/slow"
      - route:
          id: broken
          from:
            uri: direct:dip-broken
            steps:
              - to: "http://127.0.0.1:PORT/broken"
      - route:
          id: not-a-dip
          from:
            uri: direct:helper
            steps:
              - log: helper
      """;

  private Map<String, String> lookup(String dip, Map<String, String> input) throws Exception {
    return published.get(dip).lookup(input).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aDipRouteCallsTheHttpServiceAndFlattensTheJsonReply() throws Exception {
    writeRoutes("orders.camel.yaml", ROUTES);
    routes.scan();
    assertThat(routes.dipNames()).containsExactlyInAnyOrder("order-status", "slow", "broken");

    Map<String, String> result = lookup("order-status", Map.of("orderNumber", "123456"));

    assertThat(result)
        .containsEntry("status", "shipped")
        .containsEntry("order.number", "123456")
        .containsEntry("order.eta", "2025-06-05")
        .containsEntry("order.lines.0.sku", "A1")
        .doesNotContainKey("note");
    assertThat(requests).containsExactly("GET /orders/123456");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    writeRoutes("orders.camel.yaml", ROUTES);
    routes.scan();
    var stage = published.get("slow").lookup(Map.of()).toCompletableFuture();
    assertThatThrownBy(() -> stage.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void aServerErrorFailsTheLookup() throws Exception {
    writeRoutes("orders.camel.yaml", ROUTES);
    routes.scan();
    assertThatThrownBy(() -> lookup("broken", Map.of()))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("500");
  }

  @Test
  void aBrokenFileIsSkippedAndAChangedBrokenFileKeepsItsPreviousRoutes() throws Exception {
    writeRoutes("orders.camel.yaml", ROUTES);
    writeRoutes(
        "broken.camel.yaml",
        "- route:\n    from:\n      uri: nosuchcomponent:x\n      steps: []\n");
    routes.scan();
    assertThat(routes.dipNames()).containsExactlyInAnyOrder("order-status", "slow", "broken");

    writeRoutes("orders.camel.yaml", "- route: [this is not a route");
    routes.scan();
    assertThat(routes.dipNames()).contains("order-status");
    assertThat(lookup("order-status", Map.of("orderNumber", "7")))
        .containsEntry("order.number", "7");

    Files.delete(dips.resolve("orders.camel.yaml"));
    routes.scan();
    assertThat(routes.dipNames()).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void theDocumentedRouteWorks() throws Exception {
    String documented = Flows.docDipExamples().get("order-status");
    assertThat(documented).isNotNull();
    writeRoutes("doc.camel.yaml", documented.replace("orders.example.com", "127.0.0.1:PORT"));
    routes.scan();
    assertThat(lookup("order-status", Map.of("orderNumber", "42")))
        .containsEntry("status", "shipped");
  }
}
