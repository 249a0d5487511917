package org.switchboard.ops.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.core.api.skill.Skill;
import org.switchboard.core.api.skill.SkillService;

/** In-memory stand-ins for the core services, just strict enough for the REST tests. */
final class Fakes {
  private Fakes() {}

  /** A user store: name -> password and roles. */
  static final class Users implements Authenticator {
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

    Users add(String name, String... userRoles) {
      passwords.put(name, name);
      roles.put(name, Set.of(userRoles));
      return this;
    }

    @Override
    public Optional<Caller> authenticate(String user, String password) {
      return password.equals(passwords.get(user))
          ? Optional.of(new Caller(user, roles.get(user)))
          : Optional.empty();
    }
  }

  static final class Indicator implements HealthIndicator {
    private final String name;
    volatile Health health = Health.up("fine");

    Indicator(String name) {
      this.name = name;
    }

    @Override
    public String component() {
      return name;
    }

    @Override
    public Health check() {
      return health;
    }
  }

  static final class Skills implements SkillService {
    final Map<String, Skill> store = new TreeMap<>();

    @Override
    public synchronized List<Skill> list() {
      return List.copyOf(store.values());
    }

    @Override
    public synchronized Optional<Skill> find(String id) {
      return Optional.ofNullable(store.get(id));
    }

    @Override
    public synchronized Skill create(Skill skill) {
      if (store.putIfAbsent(skill.id(), skill) != null) {
        throw new ConflictException("skill '" + skill.id() + "' exists");
      }
      return skill;
    }

    @Override
    public synchronized Skill update(Skill skill) {
      if (!store.containsKey(skill.id())) {
        throw new NotFoundException("skill", skill.id());
      }
      store.put(skill.id(), skill);
      return skill;
    }

    @Override
    public synchronized void delete(String id) {
      if (store.remove(id) == null) {
        throw new NotFoundException("skill", id);
      }
    }
  }

  static final class Queues implements QueueService {
    final Map<String, Queue> store = new TreeMap<>();

    @Override
    public synchronized List<Queue> list() {
      return List.copyOf(store.values());
    }

    @Override
    public synchronized Optional<Queue> find(String id) {
      return Optional.ofNullable(store.get(id));
    }

    @Override
    public synchronized Queue create(Queue queue) {
      if (store.containsKey(queue.id())) {
        throw new ConflictException("queue '" + queue.id() + "' exists");
      }
      Queue stored = queue.withVersion(1);
      store.put(queue.id(), stored);
      return stored;
    }

    @Override
    public synchronized Queue update(Queue queue) {
      Queue old = store.get(queue.id());
      if (old == null) {
        throw new NotFoundException("queue", queue.id());
      }
      if (queue.version() != 0 && queue.version() != old.version()) {
        throw new ConflictException("queue '" + queue.id() + "' was changed meanwhile");
      }
      Queue stored = queue.withVersion(old.version() + 1);
      store.put(queue.id(), stored);
      return stored;
    }

    @Override
    public synchronized void delete(String id) {
      if (store.remove(id) == null) {
        throw new NotFoundException("queue", id);
      }
    }
  }

  static final class Agents implements AgentService {
    final Map<String, Agent> store = new TreeMap<>();

    @Override
    public synchronized List<Agent> list() {
      return List.copyOf(store.values());
    }

    @Override
    public synchronized Optional<Agent> find(String id) {
      return Optional.ofNullable(store.get(id));
    }

    @Override
    public synchronized Agent create(Agent a) {
      if (store.containsKey(a.id())) {
        throw new ConflictException("agent '" + a.id() + "' exists");
      }
      Agent stored = with(a, AgentState.LOGGED_OUT, "");
      store.put(a.id(), stored);
      return stored;
    }

    @Override
    public synchronized Agent update(Agent a) {
      Agent old = get(a.id());
      Agent stored =
          new Agent(
              a.id(),
              a.displayName(),
              a.skills(),
              a.teams(),
              a.capacity(),
              old.state(),
              old.reason(),
              old.stateSince(),
              old.version() + 1);
      store.put(a.id(), stored);
      return stored;
    }

    @Override
    public synchronized void delete(String id) {
      if (get(id).state() != AgentState.LOGGED_OUT) {
        throw new IllegalTransitionException("agent " + id, "logged in", "delete", "log out first");
      }
      store.remove(id);
    }

    @Override
    public synchronized Agent login(String id) {
      Agent a = get(id);
      if (a.state().isLoggedIn()) {
        throw new IllegalTransitionException("agent " + id, a.state().name(), "login", null);
      }
      return put(with(a, AgentState.NOT_READY, "login"));
    }

    @Override
    public synchronized Agent logout(String id, String reason) {
      return put(with(get(id), AgentState.LOGGED_OUT, reason));
    }

    @Override
    public synchronized Agent changeState(String id, AgentState target, String reason) {
      Agent a = get(id);
      if (!a.state().next().contains(target)) {
        throw new IllegalTransitionException(
            "agent " + id, a.state().name(), "change to " + target, null);
      }
      return put(with(a, target, reason));
    }

    private Agent get(String id) {
      Agent a = store.get(id);
      if (a == null) {
        throw new NotFoundException("agent", id);
      }
      return a;
    }

    private Agent put(Agent a) {
      store.put(a.id(), a);
      return a;
    }

    private static Agent with(Agent a, AgentState state, String reason) {
      return new Agent(
          a.id(),
          a.displayName(),
          a.skills(),
          a.teams(),
          a.capacity(),
          state,
          reason,
          Instant.now(),
          a.version() + 1);
    }
  }

  static final class Interactions implements InteractionService {
    final Map<String, Interaction> store = new ConcurrentHashMap<>();

    @Override
    public Interaction open(OpenInteraction r) {
      Instant now = Instant.now();
      Interaction i =
          new Interaction(
              UUID.randomUUID().toString(),
              r.channel(),
              r.channelRef(),
              r.direction(),
              r.from(),
              r.to(),
              r.customerRef(),
              null,
              50,
              null,
              r.attributes(),
              InteractionState.NEW,
              null,
              null,
              now,
              null,
              null,
              null,
              now,
              1);
      store.put(i.id(), i);
      return i;
    }

    @Override
    public Interaction dial(OpenInteraction r, String agentId) {
      Interaction i = open(r);
      return save(copy(i, InteractionState.OFFERED, null, agentId, null));
    }

    @Override
    public Interaction startFlow(String id, String flowId) {
      return move(id, "startFlow", InteractionState.IN_FLOW, InteractionState.NEW);
    }

    @Override
    public Interaction enqueue(String id, QueueRequest request) {
      Interaction i = get(id);
      require(i, "enqueue", InteractionState.NEW, InteractionState.IN_FLOW);
      return save(copy(i, InteractionState.QUEUED, request.queue(), null, null));
    }

    @Override
    public Interaction offer(String id, String agentId) {
      Interaction i = get(id);
      require(i, "offer", InteractionState.QUEUED);
      return save(copy(i, InteractionState.OFFERED, i.queue(), agentId, null));
    }

    @Override
    public List<org.switchboard.core.api.event.SwitchboardEvent> events(String id, int limit) {
      get(id);
      return List.of();
    }

    @Override
    public void recordLegs(String id, List<org.switchboard.core.api.interaction.LegRecord> legs) {
      get(id);
    }

    @Override
    public Interaction accept(String id, String agentId, Map<String, String> attributes) {
      return accept(id, agentId);
    }

    @Override
    public Interaction noAnswer(String id, String agentId, Map<String, String> attributes) {
      return noAnswer(id, agentId);
    }

    @Override
    public Interaction transfer(String id, TransferTarget target, Map<String, String> attributes) {
      return transfer(id, target);
    }

    @Override
    public Interaction endConversation(String id, Map<String, String> attributes) {
      return endConversation(id);
    }

    @Override
    public Interaction accept(String id, String agentId) {
      Interaction i = get(id);
      require(i, "accept", InteractionState.OFFERED);
      if (!agentId.equals(i.agent())) {
        throw new IllegalTransitionException(
            "interaction " + id, "offered to another", "accept", null);
      }
      return save(copy(i, InteractionState.CONNECTED, i.queue(), agentId, null));
    }

    @Override
    public Interaction decline(String id, String agentId, String reason) {
      Interaction i = get(id);
      require(i, "decline", InteractionState.OFFERED);
      return save(copy(i, InteractionState.QUEUED, i.queue(), null, null));
    }

    @Override
    public Interaction noAnswer(String id, String agentId) {
      return decline(id, agentId, "no-answer");
    }

    @Override
    public Interaction requestCallback(String id, String address) {
      require(get(id), "request a callback for", InteractionState.QUEUED);
      return updateAttributes(id, Map.of("callback.address", address));
    }

    @Override
    public Interaction hold(String id) {
      return move(id, "hold", InteractionState.HELD, InteractionState.CONNECTED);
    }

    @Override
    public Interaction resume(String id) {
      return move(id, "resume", InteractionState.CONNECTED, InteractionState.HELD);
    }

    @Override
    public Interaction transfer(String id, TransferTarget target) {
      Interaction i = get(id);
      require(i, "transfer", InteractionState.QUEUED, InteractionState.CONNECTED);
      return target.queue() != null
          ? save(copy(i, InteractionState.QUEUED, target.queue(), null, null))
          : save(copy(i, InteractionState.OFFERED, i.queue(), target.agent(), null));
    }

    @Override
    public Interaction endConversation(String id) {
      return move(
          id, "end", InteractionState.WRAP_UP, InteractionState.CONNECTED, InteractionState.HELD);
    }

    @Override
    public Interaction complete(String id, Disposition disposition) {
      Interaction i = get(id);
      require(
          i,
          "complete",
          InteractionState.WRAP_UP,
          InteractionState.CONNECTED,
          InteractionState.HELD,
          InteractionState.NEW);
      return save(copy(i, InteractionState.CLOSED, i.queue(), i.agent(), disposition));
    }

    @Override
    public Interaction abandon(String id, String reason) {
      return move(
          id,
          "abandon",
          InteractionState.ABANDONED,
          InteractionState.NEW,
          InteractionState.QUEUED,
          InteractionState.OFFERED);
    }

    @Override
    public Interaction updateAttributes(String id, Map<String, String> changes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Interaction> find(String id) {
      return Optional.ofNullable(store.get(id));
    }

    @Override
    public List<Interaction> listActive(String afterId, int limit) {
      return store.values().stream()
          .filter(i -> !i.state().isFinal() && i.state() != InteractionState.NEW)
          .filter(i -> afterId == null || i.id().compareTo(afterId) > 0)
          .sorted(java.util.Comparator.comparing(Interaction::id))
          .limit(limit)
          .toList();
    }

    @Override
    public List<Interaction> history(String customerRef, int limit) {
      return store.values().stream()
          .filter(i -> customerRef.equals(i.customerRef()))
          .sorted(java.util.Comparator.comparing(Interaction::createdAt).reversed())
          .limit(limit)
          .toList();
    }

    @Override
    public List<Interaction> list(InteractionQuery q) {
      List<Interaction> out = new ArrayList<>();
      for (Interaction i : store.values()) {
        if ((q.states().isEmpty() || q.states().contains(i.state()))
            && (q.queue() == null || q.queue().equals(i.queue()))
            && (q.agent() == null || q.agent().equals(i.agent()))
            && (q.channel() == null || q.channel().equals(i.channel()))) {
          out.add(i);
        }
      }
      return out.stream().limit(q.limit()).toList();
    }

    private Interaction move(
        String id, String op, InteractionState target, InteractionState... from) {
      Interaction i = get(id);
      require(i, op, from);
      return save(copy(i, target, i.queue(), i.agent(), i.disposition()));
    }

    private Interaction get(String id) {
      Interaction i = store.get(id);
      if (i == null) {
        throw new NotFoundException("interaction", id);
      }
      return i;
    }

    private static void require(Interaction i, String op, InteractionState... allowed) {
      if (allowed.length > 0 && !List.of(allowed).contains(i.state())) {
        throw new IllegalTransitionException(
            "interaction " + i.id(), i.state().name(), op, "allowed from " + List.of(allowed));
      }
    }

    private Interaction save(Interaction i) {
      store.put(i.id(), i);
      return i;
    }

    private static Interaction copy(
        Interaction i, InteractionState state, String queue, String agent, Disposition d) {
      Instant now = Instant.now();
      return new Interaction(
          i.id(),
          i.channel(),
          i.channelRef(),
          i.direction(),
          i.from(),
          i.to(),
          i.customerRef(),
          queue,
          i.priority(),
          i.requiredSkills(),
          i.attributes(),
          state,
          agent,
          d,
          i.createdAt(),
          state == InteractionState.QUEUED ? now : i.queuedAt(),
          state == InteractionState.CONNECTED ? now : i.answeredAt(),
          state.isFinal() ? now : null,
          now,
          i.version() + 1);
    }
  }

  /** The ACD's service: stores policies, remembers heartbeats. */
  static final class Acd implements org.switchboard.acd.api.AcdService {
    final Map<String, org.switchboard.acd.api.RoutingPolicy> policies = new HashMap<>();
    final List<String> heartbeats = new ArrayList<>();

    @Override
    public java.time.Duration routingLag() {
      return java.time.Duration.ZERO;
    }

    @Override
    public synchronized org.switchboard.acd.api.RoutingPolicy policy(String queue) {
      return policies.getOrDefault(queue, org.switchboard.acd.api.RoutingPolicy.defaults(queue));
    }

    @Override
    public synchronized List<org.switchboard.acd.api.RoutingPolicy> policies() {
      return List.copyOf(policies.values());
    }

    @Override
    public synchronized org.switchboard.acd.api.RoutingPolicy setPolicy(
        org.switchboard.acd.api.RoutingPolicy p) {
      org.switchboard.acd.api.RoutingPolicy saved = p.withVersion(p.version() + 1);
      policies.put(p.queue(), saved);
      return saved;
    }

    @Override
    public List<org.switchboard.acd.api.Decision> decisionsFor(String interactionId) {
      return List.of();
    }

    @Override
    public List<org.switchboard.acd.api.Decision> decisionsForAgent(String agentId, int limit) {
      return List.of();
    }

    @Override
    public Optional<org.switchboard.acd.api.WaitExplanation> explainWaiting(String id) {
      return Optional.empty();
    }

    @Override
    public java.util.Optional<java.time.Duration> expectedWaitToJoin(
        String queue, org.switchboard.core.api.ChannelType channel) {
      return java.util.Optional.empty();
    }

    @Override
    public synchronized void heartbeat(String agentId, String source) {
      heartbeats.add(agentId + "/" + source);
    }
  }

  /** The SIP channel's credentials: remembers passwords, reports one registration. */
  static final class Sip implements org.switchboard.channel.sip.api.SipCredentials {
    final Map<String, String> passwords = new HashMap<>();

    @Override
    public synchronized void setPassword(String agentId, String password) {
      if (password == null || password.length() < 6) {
        throw new org.switchboard.core.api.ValidationException(
            "password", "must be 6 to 128 characters");
      }
      passwords.put(agentId, password);
    }

    @Override
    public synchronized void remove(String agentId) {
      passwords.remove(agentId);
    }

    @Override
    public synchronized boolean has(String agentId) {
      return passwords.containsKey(agentId);
    }

    @Override
    public List<org.switchboard.channel.sip.api.Registration> registrations(String agentId) {
      return registrations().stream().filter(r -> r.agentId().equals(agentId)).toList();
    }

    @Override
    public List<org.switchboard.channel.sip.api.Registration> registrations() {
      return List.of(
          new org.switchboard.channel.sip.api.Registration(
              "agent1",
              "sip:agent1@127.0.0.1:5062",
              java.time.Instant.parse("2030-01-01T00:00:00Z"),
              "127.0.0.1:5062",
              "phone"));
    }
  }

  /** Transcripts in memory, numbered per conversation, deduplicated by party and clientId. */
  static final class Conversations
      implements org.switchboard.core.api.conversation.ConversationService {
    final Map<String, List<org.switchboard.core.api.conversation.Message>> store =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public synchronized org.switchboard.core.api.conversation.Message append(
        String id, org.switchboard.core.api.conversation.NewMessage m) {
      List<org.switchboard.core.api.conversation.Message> list =
          store.computeIfAbsent(id, k -> new java.util.ArrayList<>());
      for (var old : list) {
        if (m.clientId() != null
            && m.clientId().equals(old.clientId())
            && old.party() == m.party()) {
          return old;
        }
      }
      var stored =
          new org.switchboard.core.api.conversation.Message(
              id,
              list.size() + 1,
              m.party(),
              m.author(),
              m.clientId(),
              m.text(),
              m.attachment(),
              m.visibility(),
              java.time.Instant.parse("2026-12-01T10:00:00Z"));
      list.add(stored);
      return stored;
    }

    @Override
    public List<org.switchboard.core.api.conversation.Message> history(
        String id, long after, int limit) {
      return store.getOrDefault(id, List.of()).stream()
          .filter(m -> m.seq() > after)
          .limit(limit)
          .toList();
    }

    @Override
    public long count(String id) {
      return store.getOrDefault(id, List.of()).size();
    }

    @Override
    public void receipt(org.switchboard.core.api.conversation.Receipt receipt) {}

    @Override
    public List<org.switchboard.core.api.conversation.Receipt> receipts(String id) {
      return List.of();
    }

    @Override
    public void typing(
        String id, org.switchboard.core.api.conversation.Party party, String author) {}
  }

  /** Attachments in memory: one text file per interaction, "a-1". */
  static final class Attachments implements org.switchboard.core.api.conversation.AttachmentStore {
    final List<byte[]> stored = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public org.switchboard.core.api.conversation.Attachment store(
        String id, String name, String type, java.io.InputStream content, long max)
        throws java.io.IOException {
      byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new org.switchboard.core.api.ValidationException(
            "attachment", "is larger than " + max + " bytes");
      }
      stored.add(bytes);
      return new org.switchboard.core.api.conversation.Attachment(
          "up-" + stored.size(), name, type, bytes.length);
    }

    @Override
    public java.util.Optional<StoredAttachment> find(String interactionId, String attachmentId) {
      if (!"a-1".equals(attachmentId)) {
        return java.util.Optional.empty();
      }
      var a =
          new org.switchboard.core.api.conversation.Attachment(
              "a-1", "r\u00e9sum\u00e9 1.txt", "text/plain", 5);
      return java.util.Optional.of(
          new StoredAttachment() {
            @Override
            public org.switchboard.core.api.conversation.Attachment attachment() {
              return a;
            }

            @Override
            public java.io.InputStream open() {
              return new java.io.ByteArrayInputStream(
                  "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
          });
    }
  }

  /** Supervisors on calls: one call, {@code call-1}, that anyone may monitor once. */
  static final class Monitors implements org.switchboard.channel.sip.api.CallMonitor {
    Session current;

    @Override
    public Session start(
        String interactionId, String supervisorId, org.switchboard.media.api.Monitoring.Mode mode) {
      call(interactionId);
      if (current != null) {
        throw new org.switchboard.core.api.ConflictException(
            "supervisor " + current.supervisorId() + " already monitors this call");
      }
      current =
          new Session(
              interactionId, supervisorId, mode, State.RINGING, java.time.Instant.now(), null);
      return current;
    }

    @Override
    public Session change(
        String interactionId, String supervisorId, org.switchboard.media.api.Monitoring.Mode mode) {
      mine(interactionId, supervisorId);
      current =
          new Session(
              interactionId,
              supervisorId,
              mode,
              State.CONNECTED,
              current.startedAt(),
              current.startedAt());
      return current;
    }

    @Override
    public void stop(String interactionId, String supervisorId) {
      mine(interactionId, supervisorId);
      current = null;
    }

    @Override
    public java.util.Optional<Session> of(String interactionId) {
      return java.util.Optional.ofNullable(current)
          .filter(s -> s.interactionId().equals(interactionId));
    }

    private static void call(String id) {
      if (!"call-1".equals(id)) {
        throw new NotFoundException("call", id);
      }
    }

    private void mine(String interactionId, String supervisorId) {
      call(interactionId);
      if (current == null || !current.supervisorId().equals(supervisorId)) {
        throw new NotFoundException("supervisor on call " + interactionId, supervisorId);
      }
    }
  }
}
