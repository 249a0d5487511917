package org.switchboard.itest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * A subscriber to the broker's event address, the way an external system subscribes: its own
 * temporary queue bound to {@code switchboard.events} over the CORE acceptor.
 */
public final class EventTap implements AutoCloseable {
  /** One received message: its properties of interest and its body. */
  public record Received(
      String ceType, String ceSubject, String contentType, String body, String ceId) {}

  private final ServerLocator locator;
  private final ClientSessionFactory factory;
  private final ClientSession session;
  private final ClientConsumer consumer;

  public EventTap(int corePort, String address) throws Exception {
    locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + corePort);
    factory = locator.createSessionFactory();
    session = factory.createSession(true, true);
    String queue = "itest-tap-" + UUID.randomUUID();
    session.createQueue(
        QueueConfiguration.of(queue)
            .setAddress(address)
            .setRoutingType(RoutingType.MULTICAST)
            .setDurable(false)
            .setTemporary(true));
    consumer = session.createConsumer(queue);
    session.start();
  }

  /** Receives messages until one with the given subject and type arrives, or the timeout passes. */
  public Received await(String subject, String type, Duration timeout) throws ActiveMQException {
    Instant end = Instant.now().plus(timeout);
    List<String> seen = new ArrayList<>();
    while (Instant.now().isBefore(end)) {
      ClientMessage m =
          consumer.receive(Math.max(1, Duration.between(Instant.now(), end).toMillis()));
      if (m == null) {
        break;
      }
      m.acknowledge();
      Received r = toReceived(m);
      seen.add(r.ceType() + "/" + r.ceSubject());
      if (subject.equals(r.ceSubject()) && type.equals(r.ceType())) {
        return r;
      }
    }
    throw new AssertionError(
        "no event " + type + " for " + subject + " within " + timeout + "; saw " + seen);
  }

  private static Received toReceived(ClientMessage m) {
    byte[] body = new byte[m.getBodyBuffer().readableBytes()];
    m.getBodyBuffer().readBytes(body);
    return new Received(
        m.getStringProperty("ce_type"),
        m.getStringProperty("ce_subject"),
        m.getStringProperty("contentType"),
        new String(body, StandardCharsets.UTF_8),
        m.getStringProperty("ce_id"));
  }

  /**
   * Sends a received event to an address again, body and properties unchanged: what a broker does
   * when it redelivers (delivery is at least once).
   */
  public void resend(String address, Received r) throws ActiveMQException {
    ClientMessage m = session.createMessage(ClientMessage.BYTES_TYPE, true);
    m.putStringProperty("ce_type", r.ceType());
    m.putStringProperty("ce_subject", r.ceSubject());
    m.putStringProperty("ce_id", r.ceId());
    m.putStringProperty("contentType", r.contentType());
    m.putStringProperty("JMS_AMQP_CONTENT_TYPE", r.contentType());
    m.getBodyBuffer().writeBytes(r.body().getBytes(StandardCharsets.UTF_8));
    try (ClientProducer producer = session.createProducer(address)) {
      m.setRoutingType(RoutingType.MULTICAST);
      producer.send(m);
    }
  }

  @Override
  public void close() throws Exception {
    consumer.close();
    session.close();
    factory.close();
    locator.close();
  }
}
