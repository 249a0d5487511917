package org.switchboard.core.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.platform.broker.BrokerMessage;
import org.switchboard.platform.broker.MessagePublisher;
import org.switchboard.platform.broker.PublishException;
import org.switchboard.platform.db.MigrationReport;

/**
 * The core wired by hand on an H2 database, as DS wires it in Karaf, with a fake broker. Shared
 * (test-jar) with the tests of bundles built on the core.
 */
public final class TestCore implements AutoCloseable {
  public final String url;
  public final JdbcDataSource dataSource = new JdbcDataSource();
  public final FakePublisher publisher = new FakePublisher();
  public final CoreStore store;
  public final SkillServiceImpl skills;
  public final QueueServiceImpl queues;
  public final AgentServiceImpl agents;
  public final InteractionServiceImpl interactions;
  public final CustomerLookup customers;
  public final ConversationServiceImpl conversations;
  public EventRelay relay;

  public TestCore() {
    this("jdbc:h2:mem:core-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
  }

  public TestCore(String url) {
    this.url = url;
    dataSource.setURL(url);
    store =
        new CoreStore(
            dataSource,
            (ds, plan) -> {
              Flyway.configure()
                  .dataSource(ds)
                  .locations(plan.location())
                  .table(plan.historyTable())
                  .load()
                  .migrate();
              return new MigrationReport(plan.owner(), 1, "1");
            });
    skills = new SkillServiceImpl(store);
    queues = new QueueServiceImpl(store);
    agents = new AgentServiceImpl(store);
    customers = new CustomerLookup(java.time.Duration.ofMillis(300));
    interactions = new InteractionServiceImpl(store, customers);
    conversations = new ConversationServiceImpl(store);
  }

  public TestCore withRelay() {
    relay = new EventRelay(store, publisher);
    return this;
  }

  /** A queue taking chat and voice, with no skill requirements. */
  public Queue queue(String id) {
    return queues.create(
        new Queue(
            id,
            id,
            Set.of(ChannelType.CHAT, ChannelType.VOICE),
            List.of(),
            10,
            Duration.ofSeconds(20),
            80,
            null,
            null,
            0));
  }

  public List<SwitchboardEvent> events() {
    return store.read(c -> EventLog.after(c, 0, 100_000));
  }

  public long count(String sql) {
    return store.read(
        c -> {
          try (var ps = c.prepareStatement(sql);
              var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Delivers committed events to an in-process listener (needs {@link #withRelay()}). */
  public void listen(EventListener listener) {
    relay.addListener(listener);
  }

  /** An attachment store keeping its files under {@code directory}. */
  public AttachmentStoreImpl attachments(java.nio.file.Path directory) {
    return new AttachmentStoreImpl(store, directory);
  }

  /** Tells an in-process listener of every conversation change, as the whiteboard does. */
  public void listen(org.switchboard.core.api.conversation.ConversationListener listener) {
    conversations.addListener(listener);
  }

  /**
   * The core's channel registry with {@code plugins} bound, hearing committed events as in Karaf
   * (needs {@link #withRelay()}).
   */
  public ChannelRegistry channels(org.switchboard.channel.spi.ChannelPlugin... plugins) {
    ChannelRegistry registry =
        new ChannelRegistry(
            interactions,
            agents,
            new ChannelRegistry.Config() {
              @Override
              public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ChannelRegistry.Config.class;
              }

              @Override
              public int ringTimeoutSeconds() {
                return 20;
              }
            });
    listen(registry);
    for (var plugin : plugins) {
      registry.addPlugin(plugin);
    }
    return registry;
  }

  @Override
  public void close() throws InterruptedException {
    customers.deactivate();
    if (relay != null) {
      relay.stop();
    }
  }

  /** Records what is published; can be told to fail a number of times. */
  public static final class FakePublisher implements MessagePublisher {
    final List<BrokerMessage> published = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    /** While true, every publish fails (the broker is down). */
    final java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void publish(String address, BrokerMessage message) {
      publishAll(address, List.of(message));
    }

    @Override
    public void publishAll(String address, List<BrokerMessage> messages) {
      if (down.get() || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new PublishException("broker down (test)", null);
      }
      published.addAll(new ArrayList<>(messages));
    }
  }

  /** Lookup settings with the given timeout in milliseconds. */
  static CustomerLookup.Config lookupTimeout(int millis) {
    return new CustomerLookup.Config() {
      @Override
      public Class<? extends java.lang.annotation.Annotation> annotationType() {
        return CustomerLookup.Config.class;
      }

      @Override
      public int customerLookupTimeout() {
        return millis;
      }
    };
  }
}
