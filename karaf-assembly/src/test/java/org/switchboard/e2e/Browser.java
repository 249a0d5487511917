package org.switchboard.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The browser side of the E2E tests: a shop's web page (on its own port, so the chat widget is
 * embedded cross-origin as on a real site) and the Playwright scenarios of {@code
 * src/test/playwright} (chat and desktop, web console), run by Node with Debian's Chromium.
 */
final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCES = Path.of("src", "test", "playwright");
  private static final Path WORK = Path.of("target", "playwright-e2e");

  /** Screenshots of every step, kept as test artifacts. */
  static final Path SHOTS = Path.of("target", "e2e-screenshots");

  private final HttpServer shop;
  private volatile String appliance;

  private Browser(HttpServer shop) {
    this.shop = shop;
  }

  /**
   * Serves the shop page on a free port; its widget comes from the appliance named later with
   * {@link #pointAt} (the appliance must know the shop's origin before it starts).
   */
  static Browser shop() {
    installPlaywright();
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      Browser browser = new Browser(server);
      server.createContext(
          "/",
          exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String transport = query != null && query.contains("transport=poll") ? "poll" : "ws";
            String lang = query != null && query.contains("lang=zh") ? "zh" : "en";
            byte[] page =
                ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Example"
                        + " Shop</title></head><body><h1>Example Shop</h1><p>Garden tools since"
                        + " 1999.</p><script src=\""
                        + browser.appliance
                        + "/chat/widget.js\" data-entry=\"web\" data-lang=\""
                        + lang
                        + "\" data-transport=\""
                        + transport
                        + "\" async></script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      server.start();
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The appliance whose widget and desktop the scenarios use, e.g. http://127.0.0.1:8181. */
  void pointAt(String applianceUrl) {
    appliance = applianceUrl;
  }

  /** The shop's origin, for the appliance's {@code allowedOrigins}. */
  String origin() {
    return "http://127.0.0.1:" + shop.getAddress().getPort();
  }

  /**
   * Runs one scenario of chat.e2e.mjs and returns the JSON it printed; fails the test with the
   * scenario's output when it fails or takes longer than three minutes.
   */
  JsonNode run(String scenario) throws IOException, InterruptedException {
    return run(scenario, java.util.Map.of());
  }

  /** {@link #run(String)} with more environment variables for the scenario. */
  JsonNode run(String scenario, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    return run("chat.e2e.mjs", scenario, env);
  }

  /** Runs one scenario of the given script of {@code src/test/playwright}. */
  JsonNode run(String script, String scenario, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    Path log = WORK.resolve(scenario + ".log");
    ProcessBuilder pb =
        new ProcessBuilder("node", script, scenario)
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SWITCHBOARD", appliance);
    pb.environment().put("SHOP", origin() + "/");
    pb.environment().put("SHOTS", SHOTS.toAbsolutePath().toString());
    pb.environment().putAll(env);
    Process node = pb.start();
    try {
      boolean done = node.waitFor(3, TimeUnit.MINUTES);
      String output = Files.readString(log);
      assertTrue("scenario " + scenario + " timed out:\n" + output, done);
      assertEquals("scenario " + scenario + " failed:\n" + output, 0, node.exitValue());
      List<String> lines = output.lines().filter(l -> l.startsWith("{\"ok\":true")).toList();
      assertEquals("one result line:\n" + output, 1, lines.size());
      return JSON.readTree(lines.get(0));
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
    }
  }

  @Override
  public void close() {
    shop.stop(0);
  }

  /** Copies the scenarios next to their node_modules and installs the locked playwright-core. */
  private static synchronized void installPlaywright() {
    try {
      Files.createDirectories(WORK);
      for (String f :
          List.of(
              "package.json",
              "package-lock.json",
              "harness.mjs",
              "chat.e2e.mjs",
              "console.e2e.mjs")) {
        Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
      if (Files.isDirectory(WORK.resolve("node_modules").resolve("playwright-core"))) {
        return;
      }
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
              .directory(WORK.toFile())
              .redirectErrorStream(true)
              .redirectOutput(WORK.resolve("npm.log").toFile())
              .start();
      boolean done = npm.waitFor(5, TimeUnit.MINUTES);
      if (!done) {
        npm.destroyForcibly();
      }
      assertTrue(
          "npm ci failed:\n" + Files.readString(WORK.resolve("npm.log")),
          done && npm.exitValue() == 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
