package org.switchboard.platform.broker.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** An embedded Artemis broker with one Netty acceptor on a free loopback port. */
final class TestBroker implements AutoCloseable {
  private final int port;
  private final Path dir;
  private EmbeddedActiveMQ server;

  TestBroker(Path dir) throws IOException {
    this.dir = dir;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  TestBroker start() throws Exception {
    Configuration config =
        new ConfigurationImpl()
            .setName("test-broker")
            .setPersistenceEnabled(false)
            .setSecurityEnabled(false)
            .setJournalDirectory(dir.resolve("journal").toString())
            .setBindingsDirectory(dir.resolve("bindings").toString())
            .setPagingDirectory(dir.resolve("paging").toString())
            .setLargeMessagesDirectory(dir.resolve("large").toString())
            .addAcceptorConfiguration("core", url() + "?protocols=CORE");
    server = new EmbeddedActiveMQ();
    server.setConfiguration(config);
    server.start();
    return this;
  }

  void stop() throws Exception {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
