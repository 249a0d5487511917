package org.switchboard.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.conversation.NewMessage;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.impl.TestCore;

/** The channel on the real core (H2): frames in, interactions and transcripts out. */
class WebChatTest {
  private TestCore core;
  private WebChat chat;
  private ChatRequests requests;
  private final MutableClock clock = new MutableClock();

  /** A customer connection that records what it is sent. */
  static final class Socket implements Visitor {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    ChatSession bound;

    @Override
    public void reply(String frame) {
      synchronized (frames) {
        frames.add(Frames.parse(frame));
        frames.notifyAll();
      }
    }

    /** Waits (5 s at most) until a frame of {@code type} says {@code field} = {@code value}. */
    void awaitFrame(String type, String field, String value) throws InterruptedException {
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      synchronized (frames) {
        while (frames.stream()
            .noneMatch(
                f ->
                    f.path("type").asText().equals(type) && f.path(field).asText().equals(value))) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            throw new AssertionError(
                "no " + type + " with " + field + "=" + value + " in " + frames);
          }
          frames.wait(Math.max(1, left / 1_000_000));
        }
      }
    }

    JsonNode last(String type) {
      for (int i = frames.size() - 1; i >= 0; i--) {
        if (frames.get(i).path("type").asText().equals(type)) {
          return frames.get(i);
        }
      }
      throw new AssertionError("no " + type + " frame in " + frames);
    }

    List<String> types() {
      return frames.stream().map(f -> f.path("type").asText()).toList();
    }
  }

  @BeforeEach
  void setUp() {
    core = new TestCore().withRelay();
    core.queue("support");
    Flyway.configure()
        .dataSource(core.dataSource)
        .locations("classpath:db/migration/webchat")
        .table("flyway_webchat_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    chat =
        new WebChat(
            ChatSettings.defaults().withGrace(Duration.ofMinutes(2)),
            new ChatStore(core.dataSource),
            core.conversations,
            core.agents,
            clock);
    core.listen((org.switchboard.core.api.conversation.ConversationListener) chat);
    core.channels(chat);
    requests = new ChatRequests(chat);
  }

  @AfterEach
  void tearDown() throws Exception {
    chat.deactivate();
    core.close();
  }

  @Test
  void theExpectedWaitBeforeAChatStartsComesFromTheAcdForTheEntrysQueue() {
    assertThat(chat.expectedWaitToJoin("web")).isNull(); // no ACD installed
    List<String> asked = new CopyOnWriteArrayList<>();
    chat.setAcd(
        (org.switchboard.acd.api.AcdService)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {org.switchboard.acd.api.AcdService.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("expectedWaitToJoin")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  asked.add(args[0] + "/" + args[1]);
                  if (asked.size() > 1) {
                    throw new org.switchboard.core.api.NotFoundException("queue", "support");
                  }
                  return java.util.Optional.of(Duration.ofMinutes(2));
                }));
    assertThat(chat.expectedWaitToJoin("web")).isEqualTo(Duration.ofMinutes(2));
    assertThat(asked).containsExactly("support/chat");
    assertThat(chat.expectedWaitToJoin("nowhere")).isNull();
    assertThat(chat.expectedWaitToJoin("web")).isNull(); // the ACD failed: no estimate
  }

  private Socket send(Socket s, String frame) {
    s.bound = requests.handle(s, s.bound, frame);
    if (s.bound != null) {
      s.bound.attach(s, clock.instant());
    }
    return s;
  }

  private Socket started(String first) {
    return send(
        new Socket(),
        "{\"type\":\"start\",\"entry\":\"web\",\"name\":\"Li Wei\",\"email\":\"Li@Example.com\","
            + "\"language\":\"zh-CN\",\"text\":\""
            + first
            + "\",\"clientId\":\"v-1\"}");
  }

  private String chatId(Socket s) {
    return s.last("started").path("chat").asText();
  }

  private Interaction interaction(Socket s) {
    return core.interactions.find(chatId(s)).orElseThrow();
  }

  @Test
  void aStartedChatIsQueuedWithItsVisitorAndFirstMessage() {
    Socket s = started("Where is my order?");
    assertThat(s.types()).containsExactly("started", "ack", "status");
    assertThat(s.last("ack").path("seq").asLong()).isEqualTo(1);
    assertThat(s.last("status").path("state").asText()).isEqualTo("queued");
    Interaction i = interaction(s);
    assertThat(i.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(i.queue()).isEqualTo("support");
    assertThat(i.customerRef()).as("the CRM resolves the customer from the email").isNull();
    assertThat(i.from()).isEqualTo("li@example.com");
    assertThat(i.attributes())
        .containsEntry("chat.name", "Li Wei")
        .containsEntry("chat.language", "zh")
        .containsEntry("chat.entry", "web");
    assertThat(core.conversations.history(i.id(), 0, 10))
        .extracting(m -> m.text())
        .containsExactly("Where is my order?");
  }

  @Test
  void aResentMessageIsAcknowledgedAgainAndStoredOnce() {
    Socket s = started("hi");
    send(s, "{\"type\":\"message\",\"clientId\":\"v-2\",\"text\":\"again\"}");
    send(s, "{\"type\":\"message\",\"clientId\":\"v-2\",\"text\":\"again\"}");
    List<JsonNode> acks =
        s.frames.stream().filter(f -> f.path("type").asText().equals("ack")).toList();
    assertThat(acks).extracting(a -> a.path("seq").asLong()).containsExactly(1L, 2L, 2L);
    assertThat(core.conversations.count(chatId(s))).isEqualTo(2);
  }

  @Test
  void resumingWithTheTokenReplaysWhatWasMissedAndAWrongTokenIsRefused() {
    Socket s = started("hi");
    String id = chatId(s);
    String token = s.last("started").path("token").asText();
    core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", null, "while you were away"));

    Socket wrong =
        send(
            new Socket(),
            "{\"type\":\"resume\",\"chat\":\"" + id + "\",\"token\":\"guess\",\"after\":0}");
    assertThat(wrong.last("error").path("code").asText()).isEqualTo("unknown-chat");
    assertThat(wrong.bound).isNull();

    Socket back =
        send(
            new Socket(),
            "{\"type\":\"resume\",\"chat\":\""
                + id
                + "\",\"token\":\""
                + token
                + "\",\"after\":1}");
    assertThat(back.types()).containsExactly("resumed", "message", "status");
    assertThat(back.last("message").path("text").asText()).isEqualTo("while you were away");
    assertThat(back.last("message").path("seq").asLong()).isEqualTo(2);
  }

  @Test
  void theAgentsMessagesTypingAndStatusReachTheCustomer() throws Exception {
    core.agents.create(
        new Agent("ann", "Ann", List.of(), null, Map.of(ChannelType.CHAT, 3), null, null, null, 0));
    core.agents.login("ann");
    core.agents.changeState("ann", AgentState.READY, "");
    Socket s = started("hi");
    String id = chatId(s);
    core.interactions.offer(id, "ann");
    core.interactions.accept(id, "ann");
    s.awaitFrame("status", "state", "connected");
    assertThat(s.last("status").path("agent").asText()).isEqualTo("Ann");
    core.conversations.append(id, NewMessage.text(Party.AGENT, "Ann", "d-1", "Hello Li"));
    core.conversations.append(
        id,
        new NewMessage(
            Party.SUPERVISOR,
            "Sue",
            null,
            "psst",
            null,
            org.switchboard.core.api.conversation.Visibility.AGENTS));
    core.conversations.typing(id, Party.AGENT, "Ann");
    assertThat(s.last("message").path("text").asText()).isEqualTo("Hello Li");
    assertThat(s.frames).noneMatch(f -> f.path("text").asText().equals("psst"));
    assertThat(s.last("typing").path("party").asText()).isEqualTo("AGENT");

    send(s, "{\"type\":\"end\"}");
    assertThat(interaction(s).state()).isEqualTo(InteractionState.WRAP_UP);
    assertThat(interaction(s).attributes())
        .containsEntry("chat.endedBy", "customer")
        .containsEntry("chat.messages", "3");
    send(s, "{\"type\":\"message\",\"clientId\":\"v-9\",\"text\":\"late\"}");
    assertThat(s.last("error").path("code").asText()).isEqualTo("chat-ended");
    send(s, "{\"type\":\"rating\",\"score\":5,\"comment\":\"great\"}");
    assertThat(s.last("rated")).isNotNull();
    assertThat(interaction(s).attributes()).containsEntry("chat.rating", "5");
  }

  @Test
  void badFramesGetErrorsNamingTheProblem() {
    Socket s = new Socket();
    send(s, "nonsense");
    assertThat(s.last("error").path("code").asText()).isEqualTo("malformed");
    send(s, "{\"type\":\"message\",\"text\":\"x\",\"clientId\":\"v-1\"}");
    assertThat(s.last("error").path("code").asText()).isEqualTo("not-started");
    send(s, "{\"type\":\"start\",\"name\":\"\"}");
    assertThat(s.last("error").path("field").asText()).isEqualTo("name");
    send(s, "{\"type\":\"start\",\"name\":\"x\",\"email\":\"not-an-email\"}");
    assertThat(s.last("error").path("field").asText()).isEqualTo("email");
    send(s, "{\"type\":\"start\",\"name\":\"x\",\"entry\":\"nope\"}");
    assertThat(s.last("error").path("field").asText()).isEqualTo("entry");

    Socket chatting = started("hi");
    send(
        chatting,
        "{\"type\":\"message\",\"clientId\":\"v-2\",\"text\":\"" + "x".repeat(2001) + "\"}");
    JsonNode tooLong = chatting.last("error");
    assertThat(tooLong.path("code").asText()).isEqualTo("too-long");
    assertThat(tooLong.path("clientId").asText()).isEqualTo("v-2");
    send(chatting, "{\"type\":\"message\",\"clientId\":\"<bad>\",\"text\":\"x\"}");
    assertThat(chatting.last("error").path("field").asText()).isEqualTo("clientId");
    send(chatting, "{\"type\":\"read\",\"seq\":-4}");
    assertThat(chatting.last("error").path("field").asText()).isEqualTo("seq");
    assertThat(core.conversations.count(chatId(chatting))).isEqualTo(1);
  }

  @Test
  void aCustomerOverTheMessageRateIsSlowedDown() {
    Socket s = started("hi");
    for (int k = 0; k < 59; k++) {
      send(s, "{\"type\":\"message\",\"clientId\":\"v-" + (k + 10) + "\",\"text\":\"m\"}");
    }
    send(s, "{\"type\":\"message\",\"clientId\":\"v-99\",\"text\":\"one too many\"}");
    assertThat(s.last("error").path("code").asText()).isEqualTo("rate-limited");
    clock.advance(Duration.ofSeconds(61));
    send(s, "{\"type\":\"message\",\"clientId\":\"v-99\",\"text\":\"one too many\"}");
    assertThat(s.last("ack").path("clientId").asText()).isEqualTo("v-99");
  }

  @Test
  void aCustomerWhoNeverComesBackAbandonsTheirPlace() {
    Socket s = started("hi");
    ChatSession session = s.bound;
    session.detach(s, clock.instant());
    clock.advance(Duration.ofSeconds(90));
    chat.sweep();
    assertThat(interaction(s).state()).isEqualTo(InteractionState.QUEUED);
    clock.advance(Duration.ofSeconds(60));
    chat.sweep();
    assertThat(interaction(s).state()).isEqualTo(InteractionState.ABANDONED);
    assertThat(interaction(s).attributes()).containsEntry("chat.endedBy", "timeout");
  }

  @Test
  void anOfflineMessageIsAQueuedChatWithTheMessage() {
    Socket s =
        send(
            new Socket(),
            "{\"type\":\"offline\",\"name\":\"Zhang\",\"email\":\"z@example.com\",\"text\":\"call me\"}");
    String id = s.last("offline-received").path("interaction").asText();
    Interaction i = core.interactions.find(id).orElseThrow();
    assertThat(i.state()).isEqualTo(InteractionState.QUEUED);
    assertThat(i.attributes()).containsEntry("chat.offline", "true");
    assertThat(core.conversations.history(id, 0, 5))
        .extracting(m -> m.text())
        .containsExactly("call me");
  }

  @Test
  void longPollingClientsGetBufferedFramesOrAReset() {
    ChatSession session = started("hi").bound;
    session.broadcast("{\"type\":\"typing\"}");
    session.broadcast("{\"type\":\"receipt\"}");
    ChatSession.Pending all = session.after(0);
    assertThat(all.frames()).hasSize(all.cursor() > 2 ? (int) all.cursor() : 2);
    assertThat(session.after(all.cursor()).frames()).isEmpty();
    for (int k = 0; k < ChatSession.BUFFERED + 5; k++) {
      session.broadcast("{\"type\":\"typing\"}");
    }
    assertThat(session.after(1).reset()).isTrue();
    assertThat(session.after(session.after(0).cursor() + 5).reset()).isTrue();
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
