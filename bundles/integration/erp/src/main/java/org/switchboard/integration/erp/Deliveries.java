package org.switchboard.integration.erp;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries running now (webhooks, tickets), by name: starts and stops their routes, reports
 * their counters, and replays their dead-letter queues.
 */
@Component(service = Deliveries.class)
public class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  /** Most messages one replay takes from a dead-letter queue. */
  static final int REPLAY_LIMIT = 100_000;

  private final IntegrationCamel camel;
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  /** A delivery with its counters. */
  record Running(Delivery delivery, DeliveryStats stats) {}

  /** What a replay did. */
  record Replay(int taken, int delivered, int deadLetteredAgain) {}

  @Activate
  public Deliveries(@Reference IntegrationCamel camel) {
    this.camel = camel;
  }

  /**
   * Starts a delivery's routes.
   *
   * @throws IllegalArgumentException when a delivery of that name runs already
   */
  void start(Delivery d, Payload payload, IdempotentRepository ledger) throws Exception {
    String key = d.kind() + ":" + d.name();
    DeliveryStats stats = new DeliveryStats();
    if (running.putIfAbsent(key, new Running(d, stats)) != null) {
      throw new IllegalArgumentException("a " + d.kind() + " named " + d.name() + " runs already");
    }
    try {
      RouteBuilder routes = new DeliveryRoutes(d, payload, ledger, stats);
      camel.add(routes);
      LOG.info("{} '{}' delivers {} to {}", d.kind(), d.name(), d.types(), d.url().getHost());
    } catch (Exception e) {
      running.remove(key);
      camel.remove(d.routeIds());
      throw e;
    }
  }

  /** Stops a delivery's routes; its subscription keeps the events until it starts again. */
  void stop(Delivery d) {
    camel.remove(d.routeIds());
    running.remove(d.kind() + ":" + d.name());
  }

  /** The running deliveries, by {@code kind:name}. */
  Map<String, Running> list() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(new java.util.TreeMap<>(running)));
  }

  /**
   * Sends what is in a delivery's dead-letter queue again, each message with the delivery's
   * retries; what fails again goes back to the queue. Takes only the messages there when it starts,
   * and removes each from the queue only after it was delivered or dead-lettered again, so a crash
   * in the middle loses nothing.
   *
   * @param key {@code kind:name}, or a name when only one kind has it
   * @throws IllegalArgumentException when no such delivery runs
   */
  Replay replay(String key) throws JMSException {
    Running r = find(key);
    Delivery d = r.delivery();
    JmsConnectionFactory factory = new JmsConnectionFactory(camel.brokerUrl());
    int taken = 0;
    int failed = 0;
    try (Connection c = factory.createConnection();
        Session session = c.createSession(true, Session.SESSION_TRANSACTED)) {
      c.start();
      jakarta.jms.Queue dlq = session.createQueue(d.deadLetterQueue());
      int waiting = depth(session, dlq);
      try (MessageConsumer consumer = session.createConsumer(dlq)) {
        while (taken < Math.min(waiting, REPLAY_LIMIT)) {
          Message m = consumer.receive(2000);
          if (m == null) {
            break;
          }
          taken++;
          Exchange result =
              camel.producer().send(d.deliverEndpoint(), e -> e.getIn().setBody(body(m)));
          if (Boolean.TRUE.equals(result.getProperty(DeliveryRoutes.DEAD_LETTERED))) {
            failed++;
          }
          session.commit();
        }
      }
    }
    r.stats().replayed.addAndGet(taken - failed);
    LOG.info("{}: replayed {} from {}, {} failed again", key, taken, d.deadLetterQueue(), failed);
    return new Replay(taken, taken - failed, failed);
  }

  /** Messages in a dead-letter queue now. */
  int depth(String key) throws JMSException {
    Delivery d = find(key).delivery();
    JmsConnectionFactory factory = new JmsConnectionFactory(camel.brokerUrl());
    try (Connection c = factory.createConnection();
        Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      c.start();
      return depth(session, session.createQueue(d.deadLetterQueue()));
    }
  }

  private Running find(String key) {
    Running r = running.get(key);
    if (r != null) {
      return r;
    }
    List<Running> named =
        running.values().stream().filter(x -> x.delivery().name().equals(key)).toList();
    if (named.size() != 1) {
      throw new IllegalArgumentException(
          named.isEmpty()
              ? "no delivery named " + key + " runs (see switchboard:delivery-list)"
              : key + " names several deliveries: write kind:name");
    }
    return named.get(0);
  }

  private static int depth(Session session, jakarta.jms.Queue q) throws JMSException {
    int n = 0;
    try (QueueBrowser browser = session.createBrowser(q)) {
      var e = browser.getEnumeration();
      while (e.hasMoreElements() && n < REPLAY_LIMIT) {
        e.nextElement();
        n++;
      }
    }
    return n;
  }

  private static String body(Message m) throws JMSException {
    if (m instanceof TextMessage t) {
      return t.getText();
    }
    if (m instanceof BytesMessage b) {
      byte[] bytes = new byte[(int) b.getBodyLength()];
      b.readBytes(bytes);
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    return m.getBody(String.class);
  }
}
