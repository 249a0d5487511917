package org.switchboard.platform.broker.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.platform.broker.BrokerMessage;
import org.switchboard.platform.broker.MessagePublisher;
import org.switchboard.platform.broker.PublishException;

/**
 * {@link MessagePublisher} over the Artemis core protocol, and the {@code broker} health indicator.
 * Connects in the background at activation and again, with backoff, whenever the connection is lost
 * for good; publishing never waits longer than the call timeout.
 */
@Component(
    name = "org.switchboard.platform.broker",
    configurationPid = "org.switchboard.platform.broker",
    service = {MessagePublisher.class, HealthIndicator.class})
@Designate(ocd = ArtemisMessagePublisher.Config.class)
public class ArtemisMessagePublisher implements MessagePublisher, HealthIndicator {
  private static final Logger LOG = LoggerFactory.getLogger(ArtemisMessagePublisher.class);

  /** How to reach the broker. */
  @ObjectClassDefinition(
      name = "Switchboard broker client",
      description = "Connection from Switchboard bundles to the Artemis broker (CORE protocol).")
  public @interface Config {
    @AttributeDefinition(name = "URL", description = "CORE acceptor, tcp://host:port.")
    String url() default "tcp://127.0.0.1:61616";

    @AttributeDefinition(name = "User", description = "Empty while broker security is off.")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(
        name = "Reconnect attempts",
        description = "After a lost connection; -1 retries forever.")
    int reconnectAttempts() default -1;

    @AttributeDefinition(name = "Retry interval (ms)", description = "First pause between tries.")
    long retryIntervalMillis() default 1000;

    @AttributeDefinition(name = "Longest retry interval (ms)")
    long maxRetryIntervalMillis() default 30000;

    @AttributeDefinition(
        name = "Call timeout (ms)",
        description = "Longest a publish waits for the broker, also while reconnecting.")
    long callTimeoutMillis() default 5000;
  }

  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "switchboard-broker-connector");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean connectPending = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile BrokerConnection connection;
  private volatile BrokerClientSettings settings;

  @Activate
  @Modified
  void configure(Config config) {
    BrokerClientSettings next = BrokerClientSettings.from(config);
    LOG.info("Broker client settings: {}", next);
    BrokerConnection previous = connection;
    BrokerConnection created =
        new BrokerConnection(next, () -> scheduleConnect(connection, next.retryInterval()));
    settings = next;
    connection = created;
    if (previous != null) {
      previous.close();
    }
    scheduleConnect(created, Duration.ZERO);
  }

  @Deactivate
  void stop() {
    connector.shutdownNow();
    BrokerConnection current = connection;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void publish(String address, BrokerMessage message) {
    publishAll(address, List.of(message));
  }

  @Override
  public void publishAll(String address, List<BrokerMessage> messages) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("address is required");
    }
    if (messages.isEmpty()) {
      return;
    }
    BrokerConnection current = connection;
    if (current == null) {
      throw new PublishException("the broker publisher is not configured", null);
    }
    try {
      current.send(address, messages);
      published.addAndGet(messages.size());
    } catch (PublishException e) {
      failures.incrementAndGet();
      if (!current.isConnected()) {
        scheduleConnect(current, settings.retryInterval());
      }
      throw e;
    }
  }

  @Override
  public String component() {
    return "broker";
  }

  @Override
  public Health check() {
    BrokerConnection current = connection;
    if (current == null) {
      return Health.down("the broker client is not configured");
    }
    Map<String, Object> metrics =
        Map.of(
            "endpoint", current.endpoint(),
            "published", published.get(),
            "failedPublishes", failures.get());
    if (current.isConnected()) {
      return new Health(Health.Status.UP, "connected to " + current.endpoint(), metrics);
    }
    return new Health(Health.Status.DOWN, current.problem(), metrics);
  }

  /** Waits until the connection is (or is not) up; for tests. */
  boolean awaitConnectionState(boolean connected, Duration timeout) throws InterruptedException {
    BrokerConnection current = connection;
    return current != null && current.awaitState(connected, timeout);
  }

  private void tryConnect(BrokerConnection target, Duration delay) {
    connectPending.set(false);
    if (target != connection || target.isConnected()) {
      return;
    }
    try {
      target.connect();
      LOG.info("Connected to the broker at {}", target.endpoint());
    } catch (ActiveMQException | RuntimeException e) {
      Duration next = delay.isZero() ? settings.retryInterval() : delay.multipliedBy(2);
      if (next.compareTo(settings.maxRetryInterval()) > 0) {
        next = settings.maxRetryInterval();
      }
      LOG.warn("Broker at {} not reachable ({}); retrying in {}", target.endpoint(), e, next);
      scheduleConnect(target, next);
    }
  }

  private void scheduleConnect(BrokerConnection target, Duration delay) {
    if (connector.isShutdown() || !connectPending.compareAndSet(false, true)) {
      return;
    }
    try {
      connector.schedule(() -> tryConnect(target, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Not reconnecting to the broker: the publisher is stopping", e);
    }
  }
}
