package org.switchboard.platform.broker.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.switchboard.platform.broker.BrokerMessage;
import org.switchboard.platform.broker.PublishException;

/**
 * One Artemis core-protocol connection with one transacted session, used by one thread at a time.
 * Every blocking call is bounded by the call timeout, including calls made while the client
 * reconnects. The connection state is tracked from Artemis' failover events for health reports.
 */
final class BrokerConnection implements AutoCloseable {
  /** AMQP content-type of a core message converted for AMQP consumers. */
  static final String AMQP_CONTENT_TYPE = "JMS_AMQP_CONTENT_TYPE";

  /** Content type as a plain property, for core, JMS and STOMP consumers. */
  static final String CONTENT_TYPE = "contentType";

  private final BrokerClientSettings settings;
  private final ServerLocator locator;
  private final ReentrantLock sessionLock = new ReentrantLock();
  private final ReentrantLock stateLock = new ReentrantLock();
  private final Condition stateChanged = stateLock.newCondition();
  private ClientSessionFactory factory; // guarded by sessionLock
  private ClientSession session; // guarded by sessionLock
  private ClientProducer producer; // guarded by sessionLock
  private final Runnable onGaveUp;
  private volatile boolean connected;
  private volatile boolean gaveUp;
  private volatile boolean closed;
  private volatile String problem = "not connected yet";

  /**
   * @param onGaveUp called (on an Artemis thread) when reconnecting after a connection loss gave up
   */
  BrokerConnection(BrokerClientSettings settings, Runnable onGaveUp) {
    this.settings = settings;
    this.onGaveUp = onGaveUp;
    Map<String, Object> params = new HashMap<>();
    params.put(TransportConstants.HOST_PROP_NAME, settings.host());
    params.put(TransportConstants.PORT_PROP_NAME, settings.port());
    params.put(TransportConstants.NETTY_CONNECT_TIMEOUT, (int) settings.callTimeout().toMillis());
    long timeout = settings.callTimeout().toMillis();
    // The connector factory is named, not looked up: it sits next to the client classes, in OSGi
    // in the same Artemis bundle, so the client's own class loader finds it.
    locator =
        ActiveMQClient.createServerLocatorWithoutHA(
                new TransportConfiguration(NettyConnectorFactory.class.getName(), params))
            .setInitialConnectAttempts(1)
            .setReconnectAttempts(settings.reconnectAttempts())
            .setRetryInterval(settings.retryInterval().toMillis())
            .setRetryIntervalMultiplier(2.0)
            .setMaxRetryInterval(settings.maxRetryInterval().toMillis())
            .setCallTimeout(timeout)
            .setCallFailoverTimeout(timeout)
            .setBlockOnDurableSend(true)
            // No producer credits: waiting for credits has no timeout in the Artemis client, so a
            // broker that went away while a send waited for them blocked the publisher (and with it
            // the event relay) until it came back; the blocking commit has the call timeout.
            .setProducerWindowSize(-1);
  }

  /** Connects unless connected. */
  void connect() throws ActiveMQException {
    sessionLock.lock();
    try {
      ensureSession();
    } finally {
      sessionLock.unlock();
    }
  }

  /** Sends the messages in one transaction. */
  void send(String address, List<BrokerMessage> messages) {
    // A reconnect in progress holds the lock inside a blocking Artemis call: wait no longer than
    // the call timeout for it, so publishing never blocks for good.
    if (!tryLock()) {
      throw new PublishException(
          "the broker at " + settings.endpoint() + " is (re)connecting; retry later", null);
    }
    try {
      if (closed) {
        throw new PublishException("the broker publisher is stopped", null);
      }
      try {
        ensureSession();
        SimpleString target = SimpleString.of(address);
        for (BrokerMessage message : messages) {
          producer.send(target, toCoreMessage(message));
        }
        session.commit();
      } catch (ActiveMQException | RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        discardSession();
        throw new PublishException(
            "could not publish "
                + messages.size()
                + " message(s) to '"
                + address
                + "' at "
                + settings.endpoint()
                + " ("
                + reason
                + "); retry later",
            e);
      }
    } finally {
      sessionLock.unlock();
    }
  }

  private boolean tryLock() {
    try {
      return sessionLock.tryLock(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean isConnected() {
    return connected && !closed;
  }

  /** Why the connection is down; empty when connected. */
  String problem() {
    return problem;
  }

  String endpoint() {
    return settings.endpoint();
  }

  /** Waits until the connection is (or is not) up or the timeout passes; true if it got there. */
  boolean awaitState(boolean wanted, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    stateLock.lock();
    try {
      while (isConnected() != wanted && remaining > 0) {
        remaining = stateChanged.awaitNanos(remaining);
      }
      return isConnected() == wanted;
    } finally {
      stateLock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    // Closing the locator first ends any connect attempt that holds the session lock.
    locator.close();
    if (tryLock()) {
      try {
        discardSession();
        closeFactory();
      } finally {
        sessionLock.unlock();
      }
    }
    markState(false, "publisher stopped");
  }

  private void ensureSession() throws ActiveMQException {
    if (gaveUp) {
      discardSession();
      closeFactory();
      gaveUp = false;
    }
    if (factory == null || factory.isClosed()) {
      factory = createFactory();
      factory.addFailoverListener(this::onFailoverEvent);
      markState(true, "");
    }
    if (session == null || session.isClosed()) {
      session =
          factory.createSession(
              settings.user().isEmpty() ? null : settings.user(),
              settings.password().isEmpty() ? null : settings.password(),
              false,
              false,
              false,
              false,
              locator.getAckBatchSize());
      producer = session.createProducer();
    }
  }

  private ClientSessionFactory createFactory() throws ActiveMQException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(NettyConnectorFactory.class.getClassLoader());
    try {
      return locator.createSessionFactory();
    } catch (ActiveMQException | RuntimeException e) {
      markState(false, "cannot connect to " + settings.endpoint() + ": " + e.getMessage());
      throw e;
    } catch (Exception e) {
      markState(false, "cannot connect to " + settings.endpoint() + ": " + e.getMessage());
      throw new PublishException("cannot connect to " + settings.endpoint(), e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private ClientMessage toCoreMessage(BrokerMessage message) {
    ClientMessage coreMessage = session.createMessage(ClientMessage.BYTES_TYPE, true);
    coreMessage.getBodyBuffer().writeBytes(message.body());
    coreMessage.putStringProperty(AMQP_CONTENT_TYPE, message.contentType());
    coreMessage.putStringProperty(CONTENT_TYPE, message.contentType());
    message.properties().forEach(coreMessage::putStringProperty);
    return coreMessage;
  }

  private void onFailoverEvent(FailoverEventType type) {
    switch (type) {
      case FAILURE_DETECTED ->
          markState(false, "connection to " + endpoint() + " lost; reconnecting");
      case FAILOVER_COMPLETED -> markState(true, "");
      case FAILOVER_FAILED -> {
        gaveUp = true;
        markState(false, "reconnecting to " + endpoint() + " gave up");
        onGaveUp.run();
      }
    }
  }

  private void discardSession() {
    if (session != null) {
      try {
        session.close();
      } catch (ActiveMQException e) {
        problem = "closing session failed: " + e.getMessage();
      }
    }
    session = null;
    producer = null;
    if (!connected) {
      // Start afresh next time instead of waiting on a factory that is still reconnecting.
      closeFactory();
    }
  }

  private void closeFactory() {
    if (factory != null) {
      factory.close();
      factory = null;
    }
  }

  private void markState(boolean nowConnected, String reason) {
    stateLock.lock();
    try {
      connected = nowConnected;
      problem = reason;
      stateChanged.signalAll();
    } finally {
      stateLock.unlock();
    }
  }
}
