package org.switchboard.platform.broker.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Validated client settings.
 *
 * @param host broker host
 * @param port broker CORE acceptor port
 * @param user user name, empty for none
 * @param password password, empty for none; never logged ({@link #toString} hides it)
 * @param reconnectAttempts reconnect attempts after a connection loss, -1 for unlimited
 * @param retryInterval first pause between connection attempts
 * @param maxRetryInterval longest pause between connection attempts
 * @param callTimeout longest wait for any broker answer, also during reconnection
 */
record BrokerClientSettings(
    String host,
    int port,
    String user,
    String password,
    int reconnectAttempts,
    Duration retryInterval,
    Duration maxRetryInterval,
    Duration callTimeout) {

  BrokerClientSettings {
    if (reconnectAttempts < -1) {
      throw new IllegalArgumentException("reconnectAttempts must be -1 (unlimited) or >= 0");
    }
    if (retryInterval.isNegative() || retryInterval.isZero()) {
      throw new IllegalArgumentException("retryIntervalMillis must be positive");
    }
    if (maxRetryInterval.compareTo(retryInterval) < 0) {
      maxRetryInterval = retryInterval;
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeoutMillis must be positive");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  static BrokerClientSettings from(ArtemisMessagePublisher.Config config) {
    URI uri = parse(config.url());
    return new BrokerClientSettings(
        uri.getHost(),
        uri.getPort(),
        config.user(),
        config.password(),
        config.reconnectAttempts(),
        Duration.ofMillis(config.retryIntervalMillis()),
        Duration.ofMillis(config.maxRetryIntervalMillis()),
        Duration.ofMillis(config.callTimeoutMillis()));
  }

  /** Parses {@code tcp://host:port}, the only form supported. */
  static URI parse(String url) {
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
        throw new IllegalArgumentException(
            "broker url must look like tcp://127.0.0.1:61616, got '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "broker url must look like tcp://127.0.0.1:61616, got '" + url + "'", e);
    }
  }

  /** Where the client connects, for messages. */
  String endpoint() {
    return "tcp://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "BrokerClientSettings[endpoint="
        + endpoint()
        + ", user="
        + (user.isEmpty() ? "<none>" : user)
        + ", password="
        + (password.isEmpty() ? "<none>" : "***")
        + ", reconnectAttempts="
        + reconnectAttempts
        + ", retryInterval="
        + retryInterval
        + ", callTimeout="
        + callTimeout
        + "]";
  }
}
