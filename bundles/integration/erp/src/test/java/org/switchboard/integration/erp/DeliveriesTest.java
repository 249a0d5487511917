package org.switchboard.integration.erp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;

/**
 * Webhooks and tickets through a real broker (embedded Artemis, AMQP) to a real HTTP server
 * standing in for the ERP: signed, retried, dead-lettered while the ERP is down, replayed when it
 * is back, counted so that nothing is lost or sent twice.
 */
class DeliveriesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private EmbeddedActiveMQ broker;
  private HttpServer erp;
  private IntegrationCamel camel;
  private Deliveries deliveries;
  private JdbcDataSource db;
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws Exception {
    int amqp;
    try (ServerSocket s = new ServerSocket(0)) {
      amqp = s.getLocalPort();
    }
    broker = new EmbeddedActiveMQ();
    broker.setConfiguration(
        new ConfigurationImpl()
            .setName("erp-test")
            .setPersistenceEnabled(false)
            .setSecurityEnabled(false)
            .setJournalDirectory(dir.resolve("journal").toString())
            .setBindingsDirectory(dir.resolve("bindings").toString())
            .setPagingDirectory(dir.resolve("paging").toString())
            .setLargeMessagesDirectory(dir.resolve("large").toString())
            .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + amqp + "?protocols=AMQP")
            .addAcceptorConfiguration("in-vm", "vm://0"));
    broker.start();
    erp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
    erp.createContext("/", this::serve);
    erp.start();
    camel = new IntegrationCamel("amqp://127.0.0.1:" + amqp);
    deliveries = new Deliveries(camel);
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:erp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void stop() throws Exception {
    camel.close();
    erp.stop(0);
    broker.stop();
  }

  private void serve(HttpExchange x) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    int s = status.get();
    if (s == 200) {
      Map<String, String> r = new java.util.HashMap<>();
      r.put("path", x.getRequestURI().getPath());
      r.put("body", new String(body, StandardCharsets.UTF_8));
      x.getRequestHeaders().forEach((k, v) -> r.put(k.toLowerCase(), v.get(0)));
      received.add(r);
      String id = r.getOrDefault("ce-id", r.get("idempotency-key"));
      byId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }
    x.sendResponseHeaders(s, -1);
    x.close();
  }

  private Delivery webhook(String name, String... types) {
    return new Delivery(
        "webhook",
        name,
        URI.create("http://127.0.0.1:" + erp.getAddress().getPort() + "/hooks/web"),
        "Bearer t0ken",
        "s3cret",
        List.of(types),
        Duration.ofSeconds(2),
        3,
        Duration.ofMillis(50),
        Duration.ofMillis(200));
  }

  /** Starts a delivery and waits until its durable subscription exists on the broker. */
  private void begin(Delivery d, Payload payload, org.apache.camel.spi.IdempotentRepository ledger)
      throws Exception {
    deliveries.start(d, payload, ledger);
    org.apache.activemq.artemis.api.core.SimpleString queue =
        org.apache.activemq.artemis.api.core.SimpleString.of(d.clientId() + "." + d.name());
    await(
        () -> {
          var q = broker.getActiveMQServer().locateQueue(queue);
          return q != null && q.getConsumerCount() > 0;
        },
        "the subscription of " + d.name());
    assertThat(broker.getActiveMQServer().locateQueue(queue).getAddress().toString())
        .as("bound to the address the core publishes to")
        .isEqualTo("switchboard.events");
  }

  private String addressState() {
    var a =
        broker
            .getActiveMQServer()
            .getAddressInfo(
                org.apache.activemq.artemis.api.core.SimpleString.of("switchboard.events"));
    return a == null
        ? "none"
        : "routed=" + a.getRoutedMessageCount() + " unrouted=" + a.getUnRoutedMessageCount();
  }

  private String queueState(String name) {
    var q =
        broker
            .getActiveMQServer()
            .locateQueue(org.apache.activemq.artemis.api.core.SimpleString.of(name));
    return q == null
        ? "none"
        : "messages="
            + q.getMessageCount()
            + " delivering="
            + q.getDeliveringCount()
            + " added="
            + q.getMessagesAdded()
            + " acked="
            + q.getMessagesAcknowledged()
            + " consumers="
            + q.getConsumerCount()
            + " address="
            + q.getAddress()
            + " filter="
            + q.getFilter();
  }

  /** An event as the core publishes it: CloudEvents JSON with ce_* properties. */
  private void publish(String type, String subject, String data) throws Exception {
    String id = UUID.randomUUID().toString();
    String event =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"subject\":\""
            + subject
            + "\",\"time\":\""
            + Instant.now()
            + "\",\"data\":"
            + data
            + "}";
    publishRaw(event, type, subject, id);
  }

  /** Publishes the way the core's publisher does: Artemis core protocol, bytes, multicast. */
  private void publishRaw(String event, String type, String subject, String id) throws Exception {
    try (var locator =
            org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(
                "vm://0");
        var factory = locator.createSessionFactory();
        var session = factory.createSession(true, true);
        var producer = session.createProducer("switchboard.events")) {
      var m =
          session.createMessage(
              org.apache.activemq.artemis.api.core.client.ClientMessage.BYTES_TYPE, true);
      m.getBodyBuffer().writeBytes(event.getBytes(StandardCharsets.UTF_8));
      m.putStringProperty("ce_type", type);
      m.putStringProperty("ce_subject", subject);
      m.putStringProperty("ce_id", id);
      m.putStringProperty("JMS_AMQP_CONTENT_TYPE", "application/cloudevents+json");
      m.setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.MULTICAST);
      producer.send(m);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, () -> what);
  }

  private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
      throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void selectedEventsArePostedSignedAndOthersNot() throws Exception {
    begin(webhook("crm", "org.switchboard.interaction.*"), Webhooks::cloudEvent, null);
    publish("org.switchboard.agent.state-changed", "agent1", "{}");
    publish("org.switchboard.interaction.queued", "i-1", "{\"interaction\":{\"id\":\"i-1\"}}");

    await(() -> received.size() == 1, "the interaction event");
    Map<String, String> r = received.get(0);
    assertThat(r.get("path")).isEqualTo("/hooks/web");
    assertThat(r.get("ce-type")).isEqualTo("org.switchboard.interaction.queued");
    assertThat(r.get("content-type")).isEqualTo("application/cloudevents+json");
    assertThat(r.get("authorization")).isEqualTo("Bearer t0ken");
    String sig = r.get("x-switchboard-signature");
    long t = Long.parseLong(sig.substring(2, sig.indexOf(',')));
    assertThat(sig).isEqualTo(Signature.sign("s3cret", t, r.get("body")));
    assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
    assertThat(deliveries.list().get("webhook:crm").stats().delivered.get()).isEqualTo(1);
  }

  @Test
  void erpDownRetriesThenDeadLettersAndAReplayDeliversEverythingOnce() throws Exception {
    begin(webhook("erp", "org.switchboard.interaction.completed"), Webhooks::cloudEvent, null);
    status.set(503);
    int n = 20;
    for (int i = 0; i < n; i++) {
      publish("org.switchboard.interaction.completed", "i-" + i, "{}");
    }
    DeliveryStats stats = deliveries.list().get("webhook:erp").stats();
    await(() -> stats.deadLettered.get() == n, n + " dead letters");
    assertThat(stats.failedAttempts.get()).as("2 retries each").isEqualTo(2L * n);
    assertThat(deliveries.depth("erp")).isEqualTo(n);
    assertThat(stats.lastFailure).contains("HTTP 503");
    assertThat(received).isEmpty();

    status.set(200);
    Deliveries.Replay replay = deliveries.replay("erp");

    assertThat(replay).isEqualTo(new Deliveries.Replay(n, n, 0));
    assertThat(received).hasSize(n);
    assertThat(byId).hasSize(n).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
    assertThat(deliveries.depth("erp")).isZero();
    publish("org.switchboard.interaction.completed", "after", "{}");
    await(() -> received.size() == n + 1, "live delivery again");
  }

  @Test
  void aReplayWhileTheErpIsStillDownKeepsTheMessagesForNextTime() throws Exception {
    begin(webhook("erp", "org.switchboard.interaction.completed"), Webhooks::cloudEvent, null);
    status.set(500);
    publish("org.switchboard.interaction.completed", "i-1", "{}");
    publish("org.switchboard.interaction.completed", "i-2", "{}");
    DeliveryStats stats = deliveries.list().get("webhook:erp").stats();
    await(
        () -> stats.deadLettered.get() == 2,
        () ->
            "2 dead letters; received "
                + stats.received
                + ", retries "
                + stats.failedAttempts
                + ", last failure "
                + stats.lastFailure
                + ", queue "
                + queueState("switchboard-webhook-erp.erp")
                + ", dlq "
                + queueState("switchboard.webhook.erp.dlq")
                + ", address "
                + addressState());

    assertThat(deliveries.replay("erp")).isEqualTo(new Deliveries.Replay(2, 0, 2));
    assertThat(deliveries.depth("erp")).isEqualTo(2);

    status.set(200);
    assertThat(deliveries.replay("erp")).isEqualTo(new Deliveries.Replay(2, 2, 0));
    assertThat(received).hasSize(2);
  }

  @Test
  void eventsWaitOnTheBrokerWhileTheDeliveryIsStoppedForAnUpdate() throws Exception {
    Delivery d = webhook("erp", "org.switchboard.interaction.completed");
    begin(d, Webhooks::cloudEvent, null);
    publish("org.switchboard.interaction.completed", "before", "{}");
    await(() -> received.size() == 1, "the first event");

    deliveries.stop(d);
    for (int i = 0; i < 5; i++) {
      publish("org.switchboard.interaction.completed", "during-" + i, "{}");
    }
    deliveries.start(d, Webhooks::cloudEvent, null);

    await(() -> received.size() == 6, "the events sent while it was stopped");
    assertThat(byId.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  @Test
  void aComplaintOpensExactlyOneTicketEvenWhenTheEventComesTwice() throws Exception {
    Delivery d =
        new Delivery(
            "tickets",
            "orders",
            URI.create("http://127.0.0.1:" + erp.getAddress().getPort() + "/tickets"),
            "",
            "",
            List.of("org.switchboard.interaction.completed"),
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(50),
            Duration.ofMillis(200));
    begin(
        d,
        e -> Tickets.ticket(e, Set.of("complaint")),
        new DeliveryLedger(db, new FlywaySchemaMigrations(), "tickets"));
    String complaint =
        "{\"specversion\":\"1.0\",\"id\":\"ev-1\",\"type\":\"org.switchboard.interaction.completed\","
            + "\"subject\":\"i-9\",\"data\":{\"interaction\":{\"id\":\"i-9\",\"channel\":\"chat\","
            + "\"from\":\"li@example.com\",\"customerRef\":\"c-1\",\"agent\":\"agent1\","
            + "\"disposition\":{\"code\":\"complaint\",\"note\":\"parcel damaged\"}}}}";
    String resolved = complaint.replace("complaint", "resolved").replace("i-9", "i-10");

    publishRaw(complaint, "org.switchboard.interaction.completed", "i-9", "ev-1");
    publishRaw(complaint, "org.switchboard.interaction.completed", "i-9", "ev-1");
    publishRaw(resolved, "org.switchboard.interaction.completed", "i-10", "ev-2");
    DeliveryStats stats = deliveries.list().get("tickets:orders").stats();
    await(() -> stats.received.get() == 3, "all three events");
    await(() -> stats.skipped.get() + stats.duplicates.get() + stats.delivered.get() == 3, "done");

    assertThat(received).hasSize(1);
    Map<String, String> ticket = received.get(0);
    assertThat(ticket.get("idempotency-key")).isEqualTo("i-9");
    assertThat(ticket.get("body"))
        .contains(
            "\"interactionId\":\"i-9\"", "\"note\":\"parcel damaged\"", "\"customerRef\":\"c-1\"");
    assertThat(stats.duplicates.get()).isEqualTo(1);
    assertThat(stats.skipped.get()).isEqualTo(1);
  }

  @Test
  void aWrongConfigurationIsRefusedWithTheSetting() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> webhook("Bad Name", "org.switchboard.interaction.*"))
        .hasMessageContaining("name");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> webhook("ok", "interaction; DROP"))
        .hasMessageContaining("types");
  }
}
