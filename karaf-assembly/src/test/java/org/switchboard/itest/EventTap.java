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
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * A subscriber to the broker's event address, the way an external system subscribes: its own
 * temporary queue bound to {@code switchboard.events} over the CORE acceptor.
 */
final class EventTap implements AutoCloseable {
  /** One received message: its properties of interest and its body. */
  record Received(String ceType, String ceSubject, String contentType, String body) {}

  private final ServerLocator locator;
  private final ClientSessionFactory factory;
  private final ClientSession session;
  private final ClientConsumer consumer;

  EventTap(int corePort, String address) throws Exception {
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
  Received await(String subject, String type, Duration timeout) throws ActiveMQException {
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
        new String(body, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    consumer.close();
    session.close();
    factory.close();
    locator.close();
  }
}
