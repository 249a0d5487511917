package org.switchboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent web chat sessions against a started appliance: customers on the widget's WebSocket
 * ({@code /ws/chat}) each send a message every {@code --interval} seconds; a responder logged in to
 * the desk feed ({@code /ws/desk}) as a supervisor answers every customer message through the REST
 * API, as an agent's desktop does. The round trip customer -> Switchboard -> responder ->
 * Switchboard -> customer is measured at the customer. The reference, in the same run, is the same
 * load against a plain WebSocket echo server ({@link EchoServer}, Jetty 9.4 as in Karaf), which
 * answers each message at once.
 *
 * <p>Run (appliance in demo mode on 8181, nothing else using it): {@code java -cp
 * benchmarks/target/benchmarks.jar org.switchboard.benchmarks.ChatLoadBenchmark --sessions
 * 1000,5000,10000 --seconds 60}. Options: {@code --url}, {@code --interval SECONDS} (30), {@code
 * --warmup SECONDS} (15, not measured), {@code --user}/{@code --password} (supervisor), {@code
 * --pid} of the appliance (found by {@code karaf.base} when 0), {@code --variants
 * baseline,switchboard}. Loopback only, bounded in time; prints a Markdown table.
 */
public final class ChatLoadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Message numbers, unique in the process: a number used again is a resend to the appliance, which
   * stores and answers it once (as it should).
   */
  private static final AtomicLong CLIENT_IDS = new AtomicLong();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;
  private final String basic;
  private final int seconds;
  private final int interval;
  private final int warmup;
  private final long pid;

  private ChatLoadBenchmark(BenchmarkOptions o) {
    this.url = o.get("url");
    this.basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (o.get("user") + ":" + o.get("password")).getBytes(StandardCharsets.UTF_8));
    this.seconds = o.integer("seconds");
    this.interval = o.integer("interval");
    this.warmup = o.integer("warmup");
    this.pid = Long.parseLong(o.get("pid")) > 0 ? Long.parseLong(o.get("pid")) : appliancePid();
  }

  public static void main(String[] args) throws Exception {
    BenchmarkOptions o =
        new BenchmarkOptions(
            Map.of(
                "url", "http://127.0.0.1:8181",
                "sessions", "1000,5000,10000",
                "seconds", "60",
                "interval", "30",
                "warmup", "15",
                "user", "supervisor",
                "password", "supervisor",
                "pid", "0",
                "variants", "baseline,switchboard"),
            args);
    ChatLoadBenchmark bench = new ChatLoadBenchmark(o);
    List<String> variants = List.of(o.get("variants").split(","));
    int[] levels = o.integers("sessions");
    long bound = (long) levels.length * variants.size() * (bench.warmup + bench.seconds + 300);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(bound));
                System.err.println("benchmark over its time bound of " + bound + " s; stopping");
                System.exit(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    watchdog.setDaemon(true);
    watchdog.start();
    System.out.println(
        "| variant | sessions | opened/s | messages/s | round trips | p50 ms | p99 ms | max ms |"
            + " lost | server CPU ms/message | heap used MiB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (int sessions : levels) {
      for (String variant : variants) {
        System.out.println(
            variant.equals("baseline") ? bench.baseline(sessions) : bench.switchboard(sessions));
      }
    }
    System.exit(0);
  }

  // ---- the two variants ----

  private String baseline(int sessions) throws Exception {
    Process echo = EchoServer.spawn();
    try {
      int port = EchoServer.portOf(echo);
      Load load = new Load(sessions);
      load.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), false);
      load.run(warmup, interval);
      long cpuBefore = cpuMillis(echo.pid());
      Result r = load.run(seconds, interval);
      long cpu = cpuMillis(echo.pid()) - cpuBefore;
      load.close();
      return r.row(
          "baseline (echo)", sessions, r.sent == 0 ? 0 : (double) cpu / r.sent, Double.NaN);
    } finally {
      echo.destroyForcibly();
      echo.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String switchboard(int sessions) throws Exception {
    Responder responder = new Responder();
    responder.connect();
    Load load = new Load(sessions);
    load.connect(URI.create(url.replaceFirst("^http", "ws") + "/ws/chat"), true);
    load.run(warmup, interval);
    long cpuBefore = cpuMillis(pid);
    Result r = load.run(seconds, interval);
    long cpu = cpuMillis(pid) - cpuBefore;
    double heap = heapUsedMiB();
    load.close();
    System.err.println(sessions + " sessions: " + responder.report());
    responder.close();
    return r.row("switchboard", sessions, r.sent == 0 ? 0 : (double) cpu / r.sent, heap);
  }

  // ---- customers ----

  /** The customers of one run: their sockets and the round trips they measured. */
  private final class Load {
    private final int sessions;
    private final List<WebSocket> sockets = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> rtts = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private double openedPerSecond;

    Load(int sessions) {
      this.sessions = sessions;
    }

    /** Opens the sessions, 50 handshakes at a time; on the appliance each starts a chat. */
    void connect(URI uri, boolean startChat) throws Exception {
      long t0 = System.nanoTime();
      Semaphore handshakes = new Semaphore(50);
      List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
      for (int k = 0; k < sessions; k++) {
        handshakes.acquire();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<WebSocket> ws =
            http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, new Customer(started, rtts));
        int n = k;
        opening.add(
            ws.thenCompose(
                    s -> {
                      if (!startChat) {
                        started.complete(null);
                        return CompletableFuture.completedFuture(s);
                      }
                      s.sendText(
                          "{\"type\":\"start\",\"entry\":\"web\",\"name\":\"Load " + n + "\"}",
                          true);
                      return started.thenApply(v -> s);
                    })
                .whenComplete((s, e) -> handshakes.release()));
      }
      for (CompletableFuture<WebSocket> f : opening) {
        sockets.add(f.get(120, TimeUnit.SECONDS));
      }
      openedPerSecond = sessions / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Every session sends one message per interval, at a random phase; measures for {@code s} (a
     * run's figures start from zero).
     */
    Result run(int s, int everySeconds) throws InterruptedException {
      rtts.clear();
      sent.set(0);
      ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
      for (WebSocket ws : sockets) {
        long phase = ThreadLocalRandom.current().nextLong(everySeconds * 1000L);
        clock.scheduleAtFixedRate(
            () -> {
              String text = "p:" + System.nanoTime();
              sent.incrementAndGet();
              ws.sendText(
                  "{\"type\":\"message\",\"clientId\":\"b-"
                      + CLIENT_IDS.incrementAndGet()
                      + "\",\"text\":\""
                      + text
                      + "\"}",
                  true);
            },
            phase,
            everySeconds * 1000L,
            TimeUnit.MILLISECONDS);
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(s));
      clock.shutdownNow();
      long stopped = sent.get();
      Thread.sleep(2_000); // answers still under way are counted; later ones are lost
      return new Result(stopped, s, openedPerSecond, new ArrayList<>(rtts));
    }

    void close() {
      for (WebSocket ws : sockets) {
        ws.sendText("{\"type\":\"end\"}", true);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      }
    }
  }

  /** One customer socket: notes when its chat started and the round trip of each answer. */
  private static final class Customer implements WebSocket.Listener {
    private final CompletableFuture<Void> started;
    private final ConcurrentLinkedQueue<Long> rtts;
    private final StringBuilder partial = new StringBuilder();

    Customer(CompletableFuture<Void> started, ConcurrentLinkedQueue<Long> rtts) {
      this.started = started;
      this.rtts = rtts;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        int at = frame.indexOf("re:p:");
        if (at >= 0) {
          int end = frame.indexOf('"', at);
          rtts.add(System.nanoTime() - Long.parseLong(frame.substring(at + 5, end)));
        } else if (frame.contains("\"started\"")) {
          started.complete(null);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      started.completeExceptionally(error);
    }
  }

  // ---- the responder (an agent desktop's part) ----

  /** Answers every customer message of the feed through the REST API, 64 requests at a time. */
  private final class Responder implements WebSocket.Listener {
    private final Semaphore inFlight = new Semaphore(64);
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String closedWith;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private WebSocket feed;

    void connect() throws Exception {
      feed =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/ws/desk"), this)
              .get(30, TimeUnit.SECONDS);
      String[] credentials =
          new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      feed.sendText(
          JSON.writeValueAsString(
              Map.of("type", "login", "user", credentials[0], "password", credentials[1])),
          true);
      welcomed.get(30, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        if (frame.startsWith("{\"type\":\"welcome\"")) {
          welcomed.complete(null);
        } else if (frame.startsWith("{\"type\":\"message\"") && frame.contains("\"CUSTOMER\"")) {
          seen.incrementAndGet();
          answer(frame);
        }
      }
      ws.request(1);
      return null;
    }

    private void answer(String frame) {
      try {
        JsonNode m = JSON.readTree(frame).path("message");
        String body = JSON.writeValueAsString(Map.of("text", "re:" + m.path("text").asText()));
        inFlight.acquireUninterruptibly();
        http.sendAsync(
                HttpRequest.newBuilder(
                        URI.create(
                            url
                                + "/api/v1/interactions/"
                                + m.path("interaction").asText()
                                + "/messages"))
                    .header("Authorization", basic)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .whenComplete(
                (r, e) -> {
                  inFlight.release();
                  String outcome = e != null ? e.getClass().getSimpleName() : "" + r.statusCode();
                  if ("201".equals(outcome)) {
                    answered.incrementAndGet();
                  } else {
                    failures.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                  }
                });
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closedWith = code + " " + reason;
      return null;
    }

    /** What the responder saw, for stderr: a feed that closed or refused answers explain losses. */
    String report() {
      return "responder: customer messages seen "
          + seen
          + ", answered "
          + answered
          + ", failed "
          + failures
          + (closedWith == null ? "" : ", feed closed " + closedWith);
    }

    void close() {
      feed.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  // ---- results ----

  private record Result(long sent, int seconds, double openedPerSecond, List<Long> rtts) {
    String row(String variant, int sessions, double cpuPerMessage, double heapMiB) {
      List<Long> sorted = new ArrayList<>(rtts);
      sorted.sort(null);
      long lost = Math.max(0, sent - sorted.size());
      return String.format(
          "| %s | %d | %.0f | %.0f | %d | %.1f | %.1f | %.1f | %d | %s | %s |",
          variant,
          sessions,
          openedPerSecond,
          (double) sent / seconds,
          sorted.size(),
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6,
          lost,
          Double.isNaN(cpuPerMessage) ? "–" : String.format("%.2f", cpuPerMessage),
          Double.isNaN(heapMiB) ? "–" : String.format("%.0f", heapMiB));
    }

    private static double percentile(List<Long> sorted, double q) {
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
  }

  // ---- the appliance process ----

  private static long cpuMillis(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(Duration::toMillis)
        .orElse(0L);
  }

  /** Heap in use after a full collection, read with jcmd. */
  private double heapUsedMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // e.g. " garbage-first heap   total 1048576K, used 312345K [...]"
    int used = info.indexOf("used ");
    if (used < 0) {
      return Double.NaN;
    }
    String kib = info.substring(used + 5, info.indexOf('K', used));
    return Long.parseLong(kib.trim()) / 1024.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  private static long appliancePid() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a).contains("karaf.base"))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no running appliance (karaf.base) found"));
  }
}
