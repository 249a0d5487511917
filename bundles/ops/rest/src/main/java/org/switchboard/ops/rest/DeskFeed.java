package org.switchboard.ops.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.conversation.ConversationListener;
import org.switchboard.core.api.conversation.ConversationService;
import org.switchboard.core.api.conversation.Message;
import org.switchboard.core.api.conversation.Party;
import org.switchboard.core.api.conversation.Receipt;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.platform.web.SocketConnection;
import org.switchboard.platform.web.SocketHandler;
import org.switchboard.platform.web.WebSockets;

/**
 * The desk feed at {@code /ws/desk} (docs/agent-desktop.md): after a login frame checked against
 * the realm, it pushes the interactions, agent states and conversation messages the user may see,
 * as they change. Agents see what is offered or assigned to them; supervisors and admins see all.
 */
@Component(
    service = SocketHandler.class,
    property = {SocketHandler.AREA + "=desk", SocketHandler.MAX_FRAME + ":Integer=16384"},
    configurationPid = "org.switchboard.desk")
@Designate(ocd = DeskConfig.class)
public class DeskFeed implements SocketHandler, EventListener, ConversationListener {
  private static final String CONNECTION = "switchboard.desk.connection";
  private static final int UNAUTHORIZED_CLOSE = 4401;
  private static final Set<InteractionState> OPEN =
      EnumSet.complementOf(EnumSet.of(InteractionState.CLOSED, InteractionState.ABANDONED));

  private final InteractionService interactions;
  private final AgentService agents;
  private final QueueService queues;
  private final ConversationService conversations;
  private final Authenticator authenticator;
  private final ObjectNode config;
  private final ObjectMapper json = ApiJson.mapper();
  private final Set<Connection> connections = new CopyOnWriteArraySet<>();
  private final List<ServiceRegistration<?>> listening = new java.util.ArrayList<>();

  @Activate
  public DeskFeed(
      @Reference InteractionService interactions,
      @Reference AgentService agents,
      @Reference QueueService queues,
      @Reference ConversationService conversations,
      DeskConfig config,
      BundleContext bundle) {
    this.interactions = interactions;
    this.agents = agents;
    this.queues = queues;
    this.conversations = conversations;
    this.authenticator = new JaasAuthenticator();
    this.config = settings(config);
    // Registered once active: as DS services they would need the core services while those bind
    // their listeners, a cycle.
    listening.add(bundle.registerService(EventListener.class, this, null));
    listening.add(bundle.registerService(ConversationListener.class, this, null));
  }

  @Deactivate
  void deactivate() {
    listening.forEach(ServiceRegistration::unregister);
    connections.forEach(c -> c.socket.close(WebSockets.CLOSE_GOING_AWAY, "restarting"));
  }

  /** One browser connection and what its user may see. */
  private static final class Connection {
    final SocketConnection socket;
    volatile Caller caller;
    final Set<String> visible = ConcurrentHashMap.newKeySet();

    Connection(SocketConnection socket) {
      this.socket = socket;
    }

    boolean manager() {
      return caller != null && caller.isManager();
    }

    boolean sees(String interactionId) {
      return manager() || visible.contains(interactionId);
    }
  }

  @Override
  public void opened(SocketConnection socket) {
    Connection c = new Connection(socket);
    socket.attributes().put(CONNECTION, c);
    connections.add(c);
  }

  @Override
  public void closed(SocketConnection socket) {
    Object c = socket.attributes().remove(CONNECTION);
    if (c != null) {
      connections.remove(c);
    }
  }

  @Override
  public void message(SocketConnection socket, String text) {
    Connection c = (Connection) socket.attributes().get(CONNECTION);
    if (c == null) {
      return;
    }
    JsonNode frame;
    try {
      frame = json.readTree(text);
    } catch (JsonProcessingException e) {
      send(c, error("malformed", "not JSON"));
      return;
    }
    String type = frame == null ? "" : frame.path("type").asText("");
    if (c.caller == null) {
      login(c, type, frame);
      return;
    }
    try {
      switch (type) {
        case "ping" -> send(c, frame("pong"));
        case "typing" -> typing(c, frame.path("interaction").asText(""));
        case "read", "delivered" -> receipt(c, type, frame);
        default -> send(c, error("unknown-type", "unknown frame type '" + type + "'"));
      }
    } catch (SwitchboardException e) {
      send(c, error("invalid", e.getMessage()));
    }
  }

  private void login(Connection c, String type, JsonNode frame) {
    Optional<Caller> caller =
        "login".equals(type)
            ? authenticator.authenticate(
                frame.path("user").asText(""), frame.path("password").asText(""))
            : Optional.empty();
    if (caller.isEmpty()) {
      send(c, error("unauthorized", "log in first with a user of the Switchboard realm"));
      c.socket.close(UNAUTHORIZED_CLOSE, "login");
      return;
    }
    c.caller = caller.get();
    ObjectNode welcome = frame("welcome");
    welcome.put("user", c.caller.name());
    welcome.set("roles", json.valueToTree(c.caller.roles().stream().sorted().toList()));
    welcome.set("agent", json.valueToTree(agents.find(c.caller.name()).orElse(null)));
    welcome.set("config", config);
    send(c, welcome);
    List<Interaction> mine =
        interactions.list(
            new InteractionQuery(
                OPEN,
                null,
                c.manager() ? null : c.caller.name(),
                null,
                InteractionQuery.MAX_LIMIT));
    mine.forEach(i -> c.visible.add(i.id()));
    send(c, items("interactions", mine));
    if (c.manager()) {
      send(c, items("agents", agents.list()));
      send(c, items("queues", queues.list()));
    }
  }

  private void typing(Connection c, String interactionId) {
    if (c.sees(interactionId)) {
      conversations.typing(
          interactionId, c.manager() ? Party.SUPERVISOR : Party.AGENT, c.caller.name());
    }
  }

  private void receipt(Connection c, String type, JsonNode frame) {
    String id = frame.path("interaction").asText("");
    long seq = frame.path("seq").asLong(0);
    boolean assigned =
        interactions.find(id).map(i -> c.caller.name().equals(i.agent())).orElse(false);
    if (assigned && seq > 0) {
      conversations.receipt(
          new Receipt(
              id,
              Party.AGENT,
              "read".equals(type) ? Receipt.Kind.READ : Receipt.Kind.DELIVERED,
              seq));
    }
  }

  // ---- core events ----

  @Override
  public void onEvent(SwitchboardEvent e) {
    if (connections.isEmpty()) {
      return;
    }
    if (e.type().startsWith("org.switchboard.interaction.")) {
      interactions.find(e.subject()).ifPresent(i -> interactionChanged(i, e.type()));
    } else if (e.type().startsWith("org.switchboard.agent.")) {
      agents
          .find(e.subject())
          .ifPresent(
              a -> {
                ObjectNode f = frame("agent");
                f.set("agent", json.valueToTree(a));
                String text = write(f);
                for (Connection c : connections) {
                  if (c.caller != null && (c.manager() || c.caller.name().equals(a.id()))) {
                    c.socket.send(text);
                  }
                }
              });
    }
  }

  private void interactionChanged(Interaction i, String eventType) {
    ObjectNode f = frame("interaction");
    f.set("interaction", json.valueToTree(i));
    f.put("event", eventType);
    String text = write(f);
    boolean open = !i.state().isFinal();
    for (Connection c : connections) {
      if (c.caller == null) {
        continue;
      }
      boolean relevant = open && (c.manager() || c.caller.name().equals(i.agent()));
      if (relevant) {
        c.visible.add(i.id());
        c.socket.send(text);
      } else if (c.visible.remove(i.id()) || c.manager()) {
        c.socket.send(text);
      }
    }
  }

  // ---- conversations ----

  @Override
  public void appended(Message m) {
    ObjectNode f = frame("message");
    f.set("message", json.valueToTree(Transcripts.MessageView.of(m)));
    fanOut(m.interactionId(), write(f), null);
  }

  @Override
  public void receipt(Receipt r) {
    ObjectNode f = frame("receipt");
    f.put("interaction", r.interactionId());
    f.put("party", r.reader().name());
    f.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
    f.put("seq", r.seq());
    fanOut(r.interactionId(), write(f), null);
  }

  @Override
  public void typing(String interactionId, Party party, String author) {
    ObjectNode f = frame("typing");
    f.put("interaction", interactionId);
    f.put("party", party.name());
    fanOut(interactionId, write(f), party == Party.CUSTOMER ? null : author);
  }

  private void fanOut(String interactionId, String text, String exceptUser) {
    for (Connection c : connections) {
      if (c.caller != null
          && c.sees(interactionId)
          && (exceptUser == null || !exceptUser.equals(c.caller.name()))) {
        c.socket.send(text);
      }
    }
  }

  // ---- frames ----

  private ObjectNode frame(String type) {
    ObjectNode n = json.createObjectNode();
    n.put("type", type);
    return n;
  }

  private ObjectNode items(String type, List<?> items) {
    ObjectNode n = frame(type);
    n.set("items", json.valueToTree(items));
    return n;
  }

  private ObjectNode error(String code, String message) {
    ObjectNode n = frame("error");
    n.put("code", code);
    n.put("message", message);
    return n;
  }

  private void send(Connection c, ObjectNode frame) {
    c.socket.send(write(frame));
  }

  private String write(ObjectNode frame) {
    try {
      return json.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode settings(DeskConfig c) {
    ObjectNode n = json.createObjectNode();
    n.set("notReadyReasons", json.valueToTree(list(c.notReadyReasons())));
    n.set("dispositionCodes", json.valueToTree(list(c.dispositionCodes())));
    var canned = n.putArray("cannedResponses");
    for (String entry : c.cannedResponses().split(";;")) {
      String[] parts = entry.split("\\|", 3);
      if (parts.length == 3) {
        ObjectNode r = canned.addObject();
        r.put("language", parts[0].strip());
        r.put("title", parts[1].strip());
        r.put("text", parts[2].strip());
      }
    }
    n.put("ringTimeout", c.ringTimeout());
    return n;
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
