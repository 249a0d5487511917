package org.switchboard.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.switchboard.integration.erp.Deliveries;
import org.switchboard.integration.erp.IntegrationCamel;
import org.switchboard.integration.erp.WebhookConfig;
import org.switchboard.integration.erp.Webhooks;
import org.switchboard.platform.broker.BrokerMessage;
import org.switchboard.platform.broker.PublishException;
import org.switchboard.platform.broker.internal.ArtemisMessagePublisher;

/**
 * Events per second delivered to a webhook receiver by the integration bundle, end to end: the
 * core's publisher ({@link ArtemisMessagePublisher}, core protocol, batches of 200 as the event
 * relay sends them) puts N CloudEvents on {@code switchboard.events} of an embedded Artemis broker
 * configured as the appliance's (persistent NIO journal with data sync, AMQP acceptor with the same
 * credits); one webhook ({@link Webhooks} with {@link Deliveries} and {@link IntegrationCamel}, as
 * the bundle runs it) takes them from its durable subscription and POSTs each, signed, to {@link
 * WebhookReceiver} in its own JVM, which checks every signature and counts every id. The reference
 * in the same run: the same receiver fed by a naive loop that POSTs the same bodies, signed the
 * same way, one after the other with {@link HttpClient} (one at a time is also the delivery's
 * concurrency: one consumer per webhook).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.switchboard.benchmarks.WebhookDeliveryBenchmark --events 20000}. Options: {@code --warmup N}
 * (2000 events first, not measured), {@code --variants baseline,webhook} (repeat a name to run it
 * again), {@code --persistence true} ({@code false}: an in-memory broker), {@code
 * --receiver-threads 4}. Loopback only, bounded in time; prints a Markdown table. CPU is the sender
 * JVM's (broker, publisher, Camel, HTTP client; by thread below the table) and the receiver JVM's,
 * per event.
 */
public final class WebhookDeliveryBenchmark {
  private static final String ADDRESS = "switchboard.events";
  private static final String NAME = "bench";
  private static final String AUTHORIZATION = "Bearer benchmark";
  private static final String[] TYPES = {
    "org.switchboard.interaction.opened",
    "org.switchboard.interaction.queued",
    "org.switchboard.interaction.offered",
    "org.switchboard.interaction.accepted",
    "org.switchboard.interaction.completed"
  };

  private final HttpClient control = HttpClient.newHttpClient();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private final int events;
  private final int warmup;
  private final boolean persistence;
  private Process receiver;
  private URI hooks;
  private Path dir;
  private EmbeddedActiveMQ broker;
  private int amqpPort;
  private ArtemisMessagePublisher publisher;
  private IntegrationCamel camel;
  private long sequence;
  private int run;

  private WebhookDeliveryBenchmark(BenchmarkOptions o) {
    this.events = o.integer("events");
    this.warmup = o.integer("warmup");
    this.persistence = Boolean.parseBoolean(o.get("persistence"));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("events", "20000");
    defaults.put("warmup", "2000");
    defaults.put("variants", "baseline,webhook");
    defaults.put("persistence", "true");
    defaults.put("receiver-threads", "4");
    BenchmarkOptions o = new BenchmarkOptions(defaults, args);
    List<String> variants = List.of(o.get("variants").split(","));
    WebhookDeliveryBenchmark bench = new WebhookDeliveryBenchmark(o);
    // at least 200 events/s everywhere, plus start-up: a stuck delivery ends the run
    long bound = 120 + variants.size() * (60 + (bench.events + bench.warmup) / 200L);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(bound));
                System.err.println("webhook benchmark: over " + bound + " s, stopping");
                Runtime.getRuntime().halt(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "benchmark-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.out.println(machine(defaults, args));
    List<String> rows = new ArrayList<>();
    try {
      bench.start(o.integer("receiver-threads"));
      for (String v : variants) {
        Result r =
            switch (v) {
              case "baseline" -> bench.baseline();
              case "webhook" -> bench.webhook();
              default -> throw new IllegalArgumentException("variant: baseline or webhook");
            };
        System.err.println(r.row());
        System.err.println(r.threads);
        rows.add(r.row());
      }
    } finally {
      bench.stop();
    }
    System.out.println(
        "| variant | events | events/s | wall s | arrived once | duplicates | bad signatures |"
            + " sender CPU µs/event | receiver CPU µs/event | total CPU µs/event |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    Runtime.getRuntime().halt(0); // Camel's and Artemis' non-daemon threads are gone with the JVM
  }

  // ---- setting up ----

  private void start(int receiverThreads) throws Exception {
    receiver = WebhookReceiver.spawn(receiverThreads);
    hooks = URI.create("http://127.0.0.1:" + EchoServer.portOf(receiver) + "/hooks");
    dir = Files.createTempDirectory("switchboard-webhook-bench");
    int corePort = freePort();
    amqpPort = freePort();
    ConfigurationImpl c = new ConfigurationImpl();
    c.setName("switchboard")
        .setPersistenceEnabled(persistence)
        .setSecurityEnabled(false)
        .setJournalType(JournalType.NIO)
        .setJournalDatasync(true)
        .setJournalMinFiles(2)
        .setJournalPoolFiles(10)
        .setJournalFileSize(10 * 1024 * 1024)
        .setJournalDirectory(dir.resolve("journal").toString())
        .setBindingsDirectory(dir.resolve("bindings").toString())
        .setPagingDirectory(dir.resolve("paging").toString())
        .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
        .addAcceptorConfiguration(
            "core", "tcp://127.0.0.1:" + corePort + "?protocols=CORE;useEpoll=true")
        .addAcceptorConfiguration(
            "amqp",
            "tcp://127.0.0.1:"
                + amqpPort
                + "?protocols=AMQP;useEpoll=true;amqpCredits=1000;amqpLowCredits=300")
        .addAddressSetting(
            "#",
            new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setRedeliveryDelay(0)
                .setMaxSizeBytes(-1L)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true))
        .addAddressConfiguration(
            new CoreAddressConfiguration().setName(ADDRESS).addRoutingType(RoutingType.MULTICAST))
        .addAddressConfiguration(
            new CoreAddressConfiguration()
                .setName("DLQ")
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(
                    QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST)));
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(c);
    broker.start();

    // The core's publisher as the appliance configures it; its configure method is the DS
    // activation (package-private), so it is called as DS would.
    publisher = new ArtemisMessagePublisher();
    Method configure =
        ArtemisMessagePublisher.class.getDeclaredMethod(
            "configure", ArtemisMessagePublisher.Config.class);
    configure.setAccessible(true);
    configure.invoke(publisher, publisherConfig("tcp://127.0.0.1:" + corePort));
    await(
        () -> {
          try {
            publisher.publish(
                "switchboard.benchmark.probe", BrokerMessage.text("probe", "text/plain"));
            return true;
          } catch (PublishException e) {
            return false;
          }
        },
        Duration.ofSeconds(30),
        "the publisher's connection");
  }

  private void stop() throws Exception {
    if (camel != null) {
      camel.close();
    }
    if (publisher != null) {
      Method stop = ArtemisMessagePublisher.class.getDeclaredMethod("stop");
      stop.setAccessible(true);
      stop.invoke(publisher);
    }
    if (broker != null) {
      broker.stop();
    }
    if (receiver != null) {
      receiver.destroyForcibly();
      receiver.waitFor(10, TimeUnit.SECONDS);
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files
            .sorted((a, b) -> b.getNameCount() - a.getNameCount())
            .forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---- the two variants ----

  /** The reference: the same signed bodies POSTed one after the other, no broker, no Camel. */
  private Result baseline() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    reset();
    post(http, batch(warmup));
    reset();
    List<Event> measured = batch(events);
    Snapshot before = snapshot();
    Instant t0 = Instant.now();
    post(http, measured);
    Instant t1 = Instant.now();
    Snapshot after = snapshot();
    return result("baseline (sequential POST loop)", t0, t1, before, after, Duration.ZERO);
  }

  private void post(HttpClient http, List<Event> batch) throws Exception {
    for (Event e : batch) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(hooks)
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .header("User-Agent", "Switchboard/webhook")
              .POST(HttpRequest.BodyPublishers.ofString(e.body));
      b.setHeader("Content-Type", "application/cloudevents+json");
      b.setHeader("ce-id", e.id);
      b.setHeader("ce-type", e.type);
      b.setHeader("ce-specversion", "1.0");
      b.header("Authorization", AUTHORIZATION);
      b.header("X-Switchboard-Signature", sign(Instant.now().getEpochSecond(), e.body));
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("the receiver answered " + r.statusCode());
      }
    }
  }

  /** The integration bundle's webhook, published to as the core publishes. */
  private Result webhook() throws Exception {
    if (camel == null) {
      camel = new IntegrationCamel("amqp://127.0.0.1:" + amqpPort);
      new Webhooks(new Deliveries(camel), webhookConfig());
      Queue subscription =
          await(
              () -> broker.getActiveMQServer().locateQueue(subscriptionQueue()),
              q -> q.getConsumerCount() > 0,
              "the webhook's durable subscription");
      System.err.println("subscription " + subscription.getName() + " on " + subscription);
    }
    reset();
    publishAll(batch(warmup));
    awaitArrived(warmup);
    reset();
    List<Event> measured = batch(events);
    Snapshot before = snapshot();
    Instant t0 = Instant.now();
    publishAll(measured);
    Duration publishing = Duration.between(t0, Instant.now());
    awaitArrived(events);
    Instant t1 = Instant.now();
    Snapshot after = snapshot();
    Thread.sleep(1000); // anything sent twice would arrive now
    Queue dlq =
        broker
            .getActiveMQServer()
            .locateQueue(SimpleString.of("switchboard.webhook." + NAME + ".dlq"));
    System.err.printf(
        Locale.ROOT,
        "subscription: %d messages left, %d acknowledged in all; dead-letter queue: %s%n",
        broker.getActiveMQServer().locateQueue(subscriptionQueue()).getMessageCount(),
        broker.getActiveMQServer().locateQueue(subscriptionQueue()).getMessagesAcknowledged(),
        dlq == null ? "none" : dlq.getMessageCount() + " messages");
    return result("webhook (broker + Camel delivery)", t0, t1, before, after, publishing);
  }

  private void publishAll(List<Event> batch) {
    for (int from = 0; from < batch.size(); from += 200) {
      List<BrokerMessage> messages = new ArrayList<>();
      for (Event e : batch.subList(from, Math.min(batch.size(), from + 200))) {
        messages.add(
            new BrokerMessage(
                e.body.getBytes(StandardCharsets.UTF_8),
                "application/cloudevents+json",
                Map.of("ce_type", e.type, "ce_subject", e.subject, "ce_id", e.id)));
      }
      publisher.publishAll(ADDRESS, messages);
    }
  }

  private void awaitArrived(int n) throws Exception {
    long quiet = System.nanoTime();
    long seen = -1;
    while (true) {
      Map<String, Long> s = stats();
      if (s.get("unique") >= n) {
        return;
      }
      if (s.get("requests") != seen) {
        seen = s.get("requests");
        quiet = System.nanoTime();
      } else if (System.nanoTime() - quiet > TimeUnit.SECONDS.toNanos(60)) {
        throw new IllegalStateException("nothing arrived for 60 s: " + s);
      }
      Thread.sleep(20);
    }
  }

  // ---- events ----

  /** One event as the core writes it (CloudEvents 1.0 JSON, about 910 bytes). */
  private record Event(String id, String type, String subject, String body) {}

  private List<Event> batch(int n) {
    run++;
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(event(i));
    }
    return out;
  }

  private Event event(int i) {
    String id = UUID.randomUUID().toString();
    String type = TYPES[i % TYPES.length];
    String interaction = "r" + run + "-i" + (i / TYPES.length);
    Instant now = Instant.now();
    String body =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"/switchboard/core\",\"type\":\""
            + type
            + "\",\"subject\":\""
            + interaction
            + "\",\"time\":\""
            + now
            + "\",\"datacontenttype\":\"application/json\",\"sequence\":"
            + (++sequence)
            + ",\"data\":{\"interaction\":{\"id\":\""
            + interaction
            + "\",\"channel\":\"voice\",\"channelRef\":\"a84b4c76e66710@127.0.0.1\","
            + "\"direction\":\"INBOUND\",\"from\":\"+4915112345678\",\"to\":\"+4930123456\","
            + "\"customerRef\":\"7d0b2b46-6f8e-4c1e-9a2b-3c4d5e6f7a8b\",\"queue\":\"support\","
            + "\"priority\":20,\"requiredSkills\":[{\"skill\":\"german\",\"minLevel\":1}],"
            + "\"attributes\":{\"sip.callId\":\"a84b4c76e66710@127.0.0.1\","
            + "\"sip.from\":\"<sip:+4915112345678@127.0.0.1>;tag=9fxced76sl\"},"
            + "\"state\":\"QUEUED\",\"agent\":\"agent1\",\"disposition\":null,\"createdAt\":\""
            + now
            + "\",\"queuedAt\":\""
            + now
            + "\",\"answeredAt\":null,\"endedAt\":null,\"updatedAt\":\""
            + now
            + "\",\"version\":3},\"previousState\":\"NEW\"}}";
    return new Event(id, type, interaction, body);
  }

  private static String sign(long unixSeconds, String body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              WebhookReceiver.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t="
          + unixSeconds
          + ",v1="
          + java.util.HexFormat.of()
              .formatHex(mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- measuring ----

  /** CPU of this JVM (in all and by thread) and of the receiver, at one moment. */
  private record Snapshot(long jvmNanos, long receiverNanos, Map<Long, ThreadCpu> threads) {}

  private record ThreadCpu(String name, long nanos) {}

  private Snapshot snapshot() {
    Map<Long, ThreadCpu> byThread = new HashMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null) {
        long cpu = threads.getThreadCpuTime(t.getThreadId());
        if (cpu >= 0) {
          byThread.put(t.getThreadId(), new ThreadCpu(t.getThreadName(), cpu));
        }
      }
    }
    return new Snapshot(os.getProcessCpuTime(), receiverCpuNanos(), byThread);
  }

  private long receiverCpuNanos() {
    return receiver.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private record Result(
      String variant,
      int events,
      double seconds,
      long unique,
      long requests,
      long duplicates,
      long badSignatures,
      double senderMicros,
      double receiverMicros,
      Duration publishing,
      String threads) {
    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.0f | %.2f | %s | %d | %d | %.0f | %.0f | %.0f |",
          variant,
          events,
          events / seconds,
          seconds,
          unique == events && requests == events ? "yes (" + unique + ")" : "NO: " + unique,
          duplicates,
          badSignatures,
          senderMicros,
          receiverMicros,
          senderMicros + receiverMicros);
    }
  }

  private Result result(
      String variant, Instant t0, Instant t1, Snapshot before, Snapshot after, Duration publishing)
      throws Exception {
    Map<String, Long> s = stats();
    // from the first publish (or POST) to the last arrival at the receiver
    long last = Math.min(s.get("last"), WebhookReceiver.micros(t1));
    double seconds = (last - WebhookReceiver.micros(t0)) / 1e6;
    double sender = (after.jvmNanos - before.jvmNanos) / 1e3 / events;
    double receiving = (after.receiverNanos - before.receiverNanos) / 1e3 / events;
    System.err.printf(
        Locale.ROOT, "%s: receiver %s%n", variant, s.toString().replaceAll("[{}]", ""));
    return new Result(
        variant,
        events,
        seconds,
        s.get("unique"),
        s.get("requests"),
        s.get("duplicates"),
        s.get("badSignatures") + s.get("badIds"),
        sender,
        receiving,
        publishing,
        threadReport(variant, before, after, publishing));
  }

  /** Sender CPU per event by thread group (digits in thread names folded), largest first. */
  private String threadReport(
      String variant, Snapshot before, Snapshot after, Duration publishing) {
    Map<String, Long> groups = new TreeMap<>();
    long counted = 0;
    for (var e : after.threads.entrySet()) {
      ThreadCpu was = before.threads.get(e.getKey());
      long d = e.getValue().nanos - (was == null ? 0 : was.nanos);
      if (d > 0) {
        groups.merge(e.getValue().name.replaceAll("\\d+", "#"), d, Long::sum);
        counted += d;
      }
    }
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: sender CPU by thread, µs/event (of %.0f in all, %.0f are the JVM's own GC"
                    + " and JIT threads and threads that ended)%s",
                variant,
                (after.jvmNanos - before.jvmNanos) / 1e3 / events,
                ((after.jvmNanos - before.jvmNanos) - counted) / 1e3 / events,
                publishing.isZero()
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        "; publishing took %.2f s (%.0f events/s)",
                        publishing.toNanos() / 1e9,
                        events / (publishing.toNanos() / 1e9))));
    groups.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(12)
        .forEach(
            e ->
                b.append(
                    String.format(
                        Locale.ROOT, "%n  %8.1f  %s", e.getValue() / 1e3 / events, e.getKey())));
    return b.toString();
  }

  private Map<String, Long> stats() throws Exception {
    String body =
        control
            .send(
                HttpRequest.newBuilder(hooks.resolve("/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Long> out = new HashMap<>();
    for (String part : body.split(" ")) {
      String[] kv = part.split("=");
      out.put(kv[0], Long.parseLong(kv[1]));
    }
    return out;
  }

  private void reset() throws Exception {
    control.send(
        HttpRequest.newBuilder(hooks.resolve("/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  // ---- helpers ----

  private static SimpleString subscriptionQueue() {
    return SimpleString.of("switchboard-webhook-" + NAME + "." + NAME);
  }

  private static <T> T await(
      java.util.function.Supplier<T> get, java.util.function.Predicate<T> ok, String what)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      T t = get.get();
      if (t != null && ok.test(t)) {
        return t;
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private WebhookConfig webhookConfig() {
    String url = hooks.toString();
    return new WebhookConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return WebhookConfig.class;
      }

      @Override
      public String name() {
        return NAME;
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public String[] types() {
        return new String[] {"org.switchboard.interaction.*"};
      }

      @Override
      public String secret() {
        return WebhookReceiver.SECRET;
      }

      @Override
      public String authorization() {
        return AUTHORIZATION;
      }

      // the defaults of WebhookConfig
      @Override
      public int timeout() {
        return 5000;
      }

      @Override
      public int maxAttempts() {
        return 8;
      }

      @Override
      public int firstRetry() {
        return 1000;
      }

      @Override
      public int maxRetry() {
        return 60000;
      }
    };
  }

  private static ArtemisMessagePublisher.Config publisherConfig(String url) {
    return new ArtemisMessagePublisher.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return ArtemisMessagePublisher.Config.class;
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public String user() {
        return "";
      }

      @Override
      public String password() {
        return "";
      }

      @Override
      public int reconnectAttempts() {
        return -1;
      }

      @Override
      public long retryIntervalMillis() {
        return 1000;
      }

      @Override
      public long maxRetryIntervalMillis() {
        return 30000;
      }

      @Override
      public long callTimeoutMillis() {
        return 5000;
      }
    };
  }

  private static String machine(Map<String, String> defaults, String[] args) throws Exception {
    return String.format(
        Locale.ROOT,
        "Webhook delivery benchmark: %d CPUs, Java %s (%s), %s %s; load average %s; options %s %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Files.readString(Path.of("/proc/loadavg")).trim(),
        defaults,
        String.join(" ", args));
  }
}
