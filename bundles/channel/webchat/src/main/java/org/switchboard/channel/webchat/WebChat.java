package org.switchboard.channel.webchat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.acd.api.AcdService;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.channel.spi.ChannelPlugin;
import org.switchboard.channel.spi.ChannelStatus;
import org.switchboard.channel.spi.Offer;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.conversation.ConversationListener;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.platform.db.MigrationPlan;
import org.switchboard.platform.db.SchemaMigrations;

/**
 * The web chat channel plugin: keeps the live chats, tells customers what happens to their chat
 * (status, agent messages, typing, read marks) and ends chats whose customer went away.
 */
@Component(
    service = {ChannelPlugin.class, WebChat.class},
    configurationPid = "org.switchboard.channel.webchat")
@Designate(ocd = WebChatConfig.class)
public class WebChat implements ChannelPlugin, ConversationListener {
  private static final Logger LOG = LoggerFactory.getLogger(WebChat.class);

  /**
   * How often a waiting customer hears their place again; asking the ACD costs a walk of the queue,
   * so thousands of waiting chats are not asked about every few seconds.
   */
  static final Duration POSITION_REFRESH = Duration.ofSeconds(20);

  final ChatSettings settings;
  final ChatStore store;
  final ConversationService conversations;
  final AgentService agents;
  final Clock clock;
  private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private volatile ChannelContext context;
  private volatile AcdService acd;
  private ServiceRegistration<ConversationListener> listening;

  @Activate
  public WebChat(
      @Reference(target = "(dataSourceName=switchboard)") DataSource dataSource,
      @Reference SchemaMigrations migrations,
      @Reference ConversationService conversations,
      @Reference AgentService agents,
      WebChatConfig config,
      BundleContext bundle) {
    this(
        ChatSettings.of(config),
        new ChatStore(migrated(dataSource, migrations)),
        conversations,
        agents,
        Clock.systemUTC());
    // Registered once active: as a DS service it would need the conversation service while that
    // service binds its listeners, a cycle.
    listening = bundle.registerService(ConversationListener.class, this, null);
  }

  WebChat(
      ChatSettings settings,
      ChatStore store,
      ConversationService conversations,
      AgentService agents,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.conversations = conversations;
    this.agents = agents;
    this.clock = clock;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webchat-sweeper");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
  }

  private static DataSource migrated(DataSource dataSource, SchemaMigrations migrations) {
    migrations.migrate(dataSource, MigrationPlan.forOwner("webchat", WebChat.class));
    return dataSource;
  }

  @Deactivate
  void deactivate() {
    if (listening != null) {
      listening.unregister();
    }
    sweeper.shutdownNow();
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setAcd(AcdService service) {
    acd = service;
  }

  void unsetAcd(AcdService service) {
    if (acd == service) {
      acd = null;
    }
  }

  // ---- channel plugin ----

  @Override
  public ChannelType channelType() {
    return ChannelType.CHAT;
  }

  @Override
  public void initialize(ChannelContext ctx) {
    context = ctx;
    Instant now = clock.instant();
    for (Interaction i : ctx.openInteractions()) {
      store
          .find(i.id())
          .ifPresent(chat -> sessions.putIfAbsent(i.id(), new ChatSession(chat, now)));
    }
    ctx.reportStatus(ChannelStatus.online());
  }

  @Override
  public void dispose() {
    context = null;
  }

  @Override
  public void offer(Offer offer) {
    ChatSession s = sessions.get(offer.interaction().id());
    if (s != null) {
      s.broadcastStatus(Frames.write(status(offer.interaction())));
    }
  }

  @Override
  public void interactionChanged(Interaction i, String eventType) {
    ChatSession s = sessions.get(i.id());
    if (s == null || EventTypes.INTERACTION_ATTRIBUTES_UPDATED.equals(eventType)) {
      return;
    }
    if (isWaiting(i)) {
      // Telling the place in line asks the ACD; not on the core's event thread.
      try {
        sweeper.execute(() -> s.broadcastStatus(Frames.write(status(i))));
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        LOG.debug("chat {}: channel stopping, status not sent", i.id());
      }
      return;
    }
    s.broadcastStatus(Frames.write(status(i)));
    if (ended(i)) {
      finish(s, i, "agent");
    }
  }

  private static boolean isWaiting(Interaction i) {
    return i.state() == InteractionState.NEW
        || i.state() == InteractionState.IN_FLOW
        || i.state() == InteractionState.QUEUED;
  }

  // ---- conversation listener ----

  @Override
  public void appended(Message m) {
    ChatSession s = sessions.get(m.interactionId());
    if (s != null && m.customerVisible() && m.party() != Party.CUSTOMER) {
      s.broadcast(Frames.write(Frames.message(m)));
    }
  }

  @Override
  public void receipt(Receipt r) {
    ChatSession s = sessions.get(r.interactionId());
    if (s != null && r.reader() == Party.AGENT) {
      var n = Frames.frame("receipt");
      n.put("party", "AGENT");
      n.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
      n.put("seq", r.seq());
      s.broadcast(Frames.write(n));
    }
  }

  @Override
  public void typing(String interactionId, Party party, String author) {
    ChatSession s = sessions.get(interactionId);
    if (s != null && party == Party.AGENT) {
      var n = Frames.frame("typing");
      n.put("party", "AGENT");
      s.broadcast(Frames.write(n));
    }
  }

  // ---- shared with the frame handlers ----

  ChannelContext context() {
    ChannelContext c = context;
    if (c == null) {
      throw new FrameException("unavailable", "the chat service is starting; try again shortly");
    }
    return c;
  }

  Optional<ChatSession> session(String id) {
    return Optional.ofNullable(id == null ? null : sessions.get(id));
  }

  int openSessions() {
    return sessions.size();
  }

  ChatSession register(ChatStore.StoredChat chat) {
    return sessions.computeIfAbsent(
        chat.interactionId(), k -> new ChatSession(chat, clock.instant()));
  }

  /** The status frame a customer sees for the interaction's current state. */
  com.fasterxml.jackson.databind.node.ObjectNode status(Interaction i) {
    return switch (i.state()) {
      case NEW, IN_FLOW, QUEUED -> waiting(i);
      case OFFERED -> Frames.status("offered", null, null, null);
      case CONNECTED, HELD -> Frames.status("connected", null, null, agentName(i.agent()));
      default -> Frames.status("ended", null, null, null);
    };
  }

  private com.fasterxml.jackson.databind.node.ObjectNode waiting(Interaction i) {
    AcdService router = acd;
    Optional<WaitExplanation> wait = Optional.empty();
    if (router != null) {
      try {
        wait = router.explainWaiting(i.id());
      } catch (RuntimeException e) {
        LOG.debug("no wait explanation for {}: {}", i.id(), e.toString());
      }
    }
    return Frames.status(
        "queued",
        wait.map(w -> w.position() > 0 ? w.position() : null).orElse(null),
        wait.map(WaitExplanation::expectedWait).orElse(null),
        null);
  }

  /**
   * What a chat started now at {@code entry} should expect to wait, from the ACD; null when there
   * is no estimate (no ACD, nobody who takes chats there, no handle-time history yet).
   */
  java.time.Duration expectedWaitToJoin(String entry) {
    AcdService router = acd;
    String queue = settings.entries().get(entry);
    if (router == null || queue == null) {
      return null;
    }
    try {
      return router
          .expectedWaitToJoin(queue, org.switchboard.core.api.ChannelType.CHAT)
          .orElse(null);
    } catch (RuntimeException e) {
      LOG.debug("no expected wait for entry {}: {}", entry, e.toString());
      return null;
    }
  }

  String agentName(String agentId) {
    if (agentId == null) {
      return null;
    }
    return agents.find(agentId).map(a -> a.displayName()).orElse(agentId);
  }

  static boolean ended(Interaction i) {
    return i.state() == InteractionState.WRAP_UP || i.state().isFinal();
  }

  /** The chat is over: the live session goes, the row records the end and who ended it. */
  void finish(ChatSession s, Interaction i, String endedBy) {
    if (sessions.remove(s.id()) == null) {
      return;
    }
    s.end();
    store.ended(s.id(), clock.instant());
    if (!i.state().isFinal()) {
      try {
        context()
            .updateAttributes(
                s.id(),
                Map.of(
                    "chat.endedBy", i.attributes().getOrDefault("chat.endedBy", endedBy),
                    "chat.messages", Long.toString(conversations.count(s.id()))));
      } catch (SwitchboardException e) {
        LOG.debug("chat {} ended before its summary was written: {}", s.id(), e.toString());
      }
    }
  }

  /** Ends chats whose customer has been away longer than the grace; refreshes waiting positions. */
  void sweep() {
    Instant now = clock.instant();
    for (ChatSession s : sessions.values()) {
      try {
        Optional<Interaction> i = Optional.ofNullable(context).flatMap(c -> c.find(s.id()));
        if (i.isEmpty() || ended(i.get())) {
          i.ifPresent(x -> finish(s, x, "agent"));
          if (i.isEmpty()) {
            sessions.remove(s.id());
          }
        } else if (s.goneFor(settings.reconnectGrace(), now)) {
          LOG.info(
              "chat {}: the customer did not come back within {}",
              s.id(),
              settings.reconnectGrace());
          new ChatEnding(this).end(s, i.get(), "timeout");
        } else if (i.get().state() == InteractionState.QUEUED
            && s.connected()
            && s.positionDue(POSITION_REFRESH, now)) {
          s.broadcastStatus(Frames.write(status(i.get())));
        }
      } catch (RuntimeException e) {
        LOG.warn("chat {}: sweep failed", s.id(), e);
      }
    }
  }

  /** Wakes a parked long-poll after {@code millis}, on the sweeper thread. */
  void scheduleWake(ChatSession.Waiter waiter, long millis) {
    sweeper.schedule(waiter::wake, millis, TimeUnit.MILLISECONDS);
  }
}
