package org.switchboard.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook benchmark's ERP: a JDK {@code com.sun.net.httpserver} server on 127.0.0.1 that takes
 * every POST to {@code /hooks}, checks its {@code X-Switchboard-Signature} ({@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, at most 300 s old) and counts each {@code ce-id}
 * (which must also be the body's {@code id}), so that the load client can tell whether every event
 * arrived exactly once. {@code GET /stats} answers the counters, {@code POST /reset} clears them.
 * Runs in its own JVM ({@link #spawn}), so that its CPU is apart from the sender's.
 */
final class WebhookReceiver {
  static final String SECRET = "benchmark-secret";

  private final byte[] secret;
  private final ThreadLocal<Mac> macs;
  private final Map<String, Integer> byId = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong badSignatures = new AtomicLong();
  private final AtomicLong badIds = new AtomicLong();
  private final AtomicLong upgrades = new AtomicLong();
  private final Map<Integer, Boolean> clientPorts = new ConcurrentHashMap<>();
  private final AtomicLong firstMicros = new AtomicLong();
  private final AtomicLong lastMicros = new AtomicLong();

  private WebhookReceiver(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** Serves until killed: {@code WebhookReceiver <threads>}; prints {@code port N} first. */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    WebhookReceiver receiver = new WebhookReceiver(SECRET);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.createContext("/hooks", receiver::hook);
    server.createContext("/stats", receiver::stats);
    server.createContext("/reset", receiver::reset);
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts {@link #main} in its own JVM. */
  static Process spawn(int threads) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WebhookReceiver.class.getName(),
            Integer.toString(threads))
        .redirectErrorStream(true)
        .start();
  }

  private void hook(HttpExchange x) throws IOException {
    try (x) {
      byte[] body = x.getRequestBody().readAllBytes();
      long now = micros(Instant.now());
      firstMicros.compareAndSet(0, now);
      lastMicros.accumulateAndGet(now, Math::max);
      requests.incrementAndGet();
      clientPorts.put(x.getRemoteAddress().getPort(), true);
      if (x.getRequestHeaders().containsKey("Upgrade")) {
        upgrades.incrementAndGet(); // an HTTP/2 (h2c) upgrade offered, which this server ignores
      }
      if (!signed(x.getRequestHeaders().getFirst("X-Switchboard-Signature"), body)) {
        badSignatures.incrementAndGet();
        x.sendResponseHeaders(401, -1);
        return;
      }
      String id = x.getRequestHeaders().getFirst("ce-id");
      String text = new String(body, StandardCharsets.UTF_8);
      if (id == null || !text.contains("\"id\":\"" + id + "\"")) {
        badIds.incrementAndGet();
        x.sendResponseHeaders(400, -1);
        return;
      }
      if (byId.merge(id, 1, Integer::sum) > 1) {
        duplicates.incrementAndGet();
      }
      x.sendResponseHeaders(200, -1);
    }
  }

  private boolean signed(String header, byte[] body) {
    if (header == null || !header.startsWith("t=") || header.indexOf(",v1=") < 0) {
      return false;
    }
    int comma = header.indexOf(",v1=");
    long t;
    try {
      t = Long.parseLong(header.substring(2, comma));
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
      return false;
    }
    Mac mac = macs.get();
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(comma + 4));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  private void stats(HttpExchange x) throws IOException {
    try (x) {
      byte[] out =
          String.format(
                  "requests=%d unique=%d duplicates=%d badSignatures=%d badIds=%d upgrades=%d"
                      + " connections=%d first=%d last=%d",
                  requests.get(),
                  byId.size(),
                  duplicates.get(),
                  badSignatures.get(),
                  badIds.get(),
                  upgrades.get(),
                  clientPorts.size(),
                  firstMicros.get(),
                  lastMicros.get())
              .getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, out.length);
      x.getResponseBody().write(out);
    }
  }

  private void reset(HttpExchange x) throws IOException {
    try (x) {
      x.getRequestBody().readAllBytes();
      byId.clear();
      requests.set(0);
      duplicates.set(0);
      badSignatures.set(0);
      badIds.set(0);
      upgrades.set(0);
      clientPorts.clear();
      firstMicros.set(0);
      lastMicros.set(0);
      x.sendResponseHeaders(204, -1);
    }
  }

  static long micros(Instant t) {
    return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1000;
  }
}
