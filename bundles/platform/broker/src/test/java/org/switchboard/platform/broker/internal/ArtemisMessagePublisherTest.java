package org.switchboard.platform.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.health.Health;
import org.switchboard.platform.broker.BrokerMessage;
import org.switchboard.platform.broker.PublishException;

class ArtemisMessagePublisherTest {
  private static final String ADDRESS = "switchboard.events";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private TestBroker broker;
  private ArtemisMessagePublisher publisher;

  @BeforeEach
  void startBroker() throws Exception {
    broker = new TestBroker(dir).start();
    publisher = new ArtemisMessagePublisher();
    publisher.configure(config(broker.url(), 1000));
  }

  @AfterEach
  void stopAll() throws Exception {
    publisher.stop();
    broker.close();
  }

  @Test
  void publishesDurableBytesWithContentTypeAndProperties() throws Exception {
    assertThat(publisher.awaitConnectionState(true, WAIT)).isTrue();
    try (Subscriber subscriber = new Subscriber(broker.url())) {
      publisher.publish(
          ADDRESS,
          BrokerMessage.text("{\"id\":\"e-1\"}", "application/cloudevents+json")
              .withProperty("ce_type", "org.switchboard.interaction.opened")
              .withProperty("ce_id", "e-1"));

      ClientMessage received = subscriber.receive();
      byte[] body = new byte[received.getBodySize()];
      received.getBodyBuffer().readBytes(body);
      assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":\"e-1\"}");
      assertThat(received.isDurable()).isTrue();
      assertThat(received.getType()).isEqualTo(ClientMessage.BYTES_TYPE);
      assertThat(received.getStringProperty("ce_type"))
          .isEqualTo("org.switchboard.interaction.opened");
      assertThat(received.getStringProperty("contentType"))
          .isEqualTo("application/cloudevents+json");
      assertThat(received.getStringProperty(BrokerConnection.AMQP_CONTENT_TYPE))
          .isEqualTo("application/cloudevents+json");
    }
  }

  @Test
  void publishesABatchInOrder() throws Exception {
    try (Subscriber subscriber = new Subscriber(broker.url())) {
      List<BrokerMessage> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(BrokerMessage.text("m" + i, "text/plain"));
      }
      publisher.publishAll(ADDRESS, batch);

      for (int i = 0; i < 50; i++) {
        ClientMessage received = subscriber.receive();
        byte[] body = new byte[received.getBodySize()];
        received.getBodyBuffer().readBytes(body);
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("m" + i);
      }
    }
  }

  @Test
  void healthFollowsTheConnection() throws Exception {
    assertThat(publisher.awaitConnectionState(true, WAIT)).isTrue();
    assertThat(publisher.check().status()).isEqualTo(Health.Status.UP);
    assertThat(publisher.component()).isEqualTo("broker");

    broker.stop();
    assertThat(publisher.awaitConnectionState(false, WAIT)).isTrue();

    Health down = publisher.check();
    assertThat(down.status()).isEqualTo(Health.Status.DOWN);
    assertThat(down.detail()).isNotBlank();
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      60) // a publisher that blocks for good fails here, not in CI's limit
  void failsWithinTheCallTimeoutWhileTheBrokerIsDownAndRecoversAfterwards() throws Exception {
    assertThat(publisher.awaitConnectionState(true, WAIT)).isTrue();
    broker.stop();

    long start = System.nanoTime();
    assertThatThrownBy(() -> publisher.publish(ADDRESS, BrokerMessage.text("x", "text/plain")))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining(broker.url())
        .hasMessageContaining("retry later");
    // It fails instead of waiting for the broker (which hung a CI run once). Not a timing test: the
    // bound only has to tell "failed" from "hung" on a loaded machine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));

    broker.start();
    assertThat(publisher.awaitConnectionState(true, WAIT)).isTrue();
    try (Subscriber subscriber = new Subscriber(broker.url())) {
      publisher.publish(ADDRESS, BrokerMessage.text("after restart", "text/plain"));
      assertThat(subscriber.receive()).isNotNull();
    }
  }

  @Test
  void refusesUnsupportedUrls() {
    ArtemisMessagePublisher other = new ArtemisMessagePublisher();
    assertThatThrownBy(() -> other.configure(config("amqp://127.0.0.1:5672", 1000)))
        .hasMessageContaining("tcp://127.0.0.1:61616");
    other.stop();
  }

  @Test
  void settingsNeverShowThePassword() {
    BrokerClientSettings settings =
        new BrokerClientSettings(
            "127.0.0.1",
            61616,
            "switchboard",
            "s3cret",
            -1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5));
    assertThat(settings.toString()).doesNotContain("s3cret").contains("***");
  }

  static ArtemisMessagePublisher.Config config(String url, long callTimeoutMillis) {
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
        return 100;
      }

      @Override
      public long maxRetryIntervalMillis() {
        return 500;
      }

      @Override
      public long callTimeoutMillis() {
        return callTimeoutMillis;
      }
    };
  }

  /** A consumer on its own non-durable queue bound to the multicast address. */
  static final class Subscriber implements AutoCloseable {
    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientConsumer consumer;

    Subscriber(String url) throws Exception {
      locator = ActiveMQClient.createServerLocator(url);
      factory = locator.createSessionFactory();
      session = factory.createSession();
      String queue = "test-" + System.nanoTime();
      session.createQueue(
          QueueConfiguration.of(queue)
              .setAddress(ADDRESS)
              .setRoutingType(RoutingType.MULTICAST)
              .setDurable(false)
              .setTemporary(true));
      consumer = session.createConsumer(queue);
      session.start();
    }

    ClientMessage receive() throws Exception {
      ClientMessage message = consumer.receive(WAIT.toMillis());
      assertThat(message).as("message within " + WAIT).isNotNull();
      message.acknowledge();
      return message;
    }

    @Override
    public void close() throws Exception {
      session.close();
      factory.close();
      locator.close();
    }
  }
}
