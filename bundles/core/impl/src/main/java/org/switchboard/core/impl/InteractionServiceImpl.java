package org.switchboard.core.impl;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.core.api.ConflictException;
import org.switchboard.core.api.Identifiers;
import org.switchboard.core.api.IllegalTransitionException;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.core.api.ValidationException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventTypes;
import org.switchboard.core.api.interaction.Attributes;
import org.switchboard.core.api.interaction.Direction;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionQuery;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.LegRecord;
import org.switchboard.core.api.interaction.OpenInteraction;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.core.api.interaction.TransferTarget;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.skill.SkillRequirement;

/** The interaction lifecycle: each operation is one transaction with its event. */
@Component(service = InteractionService.class)
public class InteractionServiceImpl implements InteractionService {
  private final CoreStore store;
  private final CustomerLookup customers;

  @Activate
  public InteractionServiceImpl(@Reference CoreStore store, @Reference CustomerLookup customers) {
    this.store = store;
    this.customers = customers;
  }

  /** How one operation changes a draft; may read or check more in the same transaction. */
  @FunctionalInterface
  interface Change {
    void apply(Connection c, Interaction current, InteractionDraft draft, Instant now)
        throws SQLException;
  }

  @Override
  public Interaction open(OpenInteraction request) {
    OpenInteraction r = customers.resolve(request);
    return store.write(
        c -> {
          Optional<Interaction> existing = existing(c, r);
          return existing.isPresent() ? existing.get() : insert(store, c, r);
        });
  }

  @Override
  public Interaction dial(OpenInteraction request, String agentId) {
    if (request == null || request.direction() != Direction.OUTBOUND) {
      throw new ValidationException("direction", "a dialled contact is OUTBOUND");
    }
    OpenInteraction r = customers.resolve(request);
    return store.write(
        c -> {
          Optional<Interaction> existing = existing(c, r);
          if (existing.isPresent()) {
            return existing.get();
          }
          Interaction opened = insert(store, c, r);
          return apply(
              store,
              c,
              opened.id(),
              InteractionOperation.DIAL,
              EventTypes.INTERACTION_DIALING,
              null,
              (cc, cur, d, now) -> d.agent = withRoom(cc, loggedInAgent(cc, agentId), cur).id());
        });
  }

  /** The interaction a repeated open (same channel and channelRef) refers to. */
  private static Optional<Interaction> existing(Connection c, OpenInteraction r)
      throws SQLException {
    return r.channelRef() == null
        ? Optional.empty()
        : InteractionRows.findByRef(c, r.channel(), r.channelRef());
  }

  private static Interaction insert(CoreStore store, Connection c, OpenInteraction r)
      throws SQLException {
    Instant now = Rows.now();
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
            0,
            List.of(),
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
    InteractionRows.insert(c, i);
    store.wrote(i);
    Events.interaction(c, EventTypes.INTERACTION_OPENED, i, null, null);
    return i;
  }

  @Override
  public Interaction startFlow(String id, String flowId) {
    if (flowId == null || flowId.isBlank()) {
      throw new ValidationException("flowId", "is required");
    }
    return change(
        id,
        InteractionOperation.START_FLOW,
        EventTypes.INTERACTION_FLOW_STARTED,
        null,
        (c, cur, d, now) -> d.attributes = withAttribute(cur.attributes(), "flow", flowId));
  }

  @Override
  public Interaction enqueue(String id, QueueRequest request) {
    return change(
        id,
        InteractionOperation.ENQUEUE,
        EventTypes.INTERACTION_QUEUED,
        null,
        (c, cur, d, now) -> toQueue(c, cur, d, request, now));
  }

  @Override
  public Interaction offer(String id, String agentId) {
    return change(
        id,
        InteractionOperation.OFFER,
        EventTypes.INTERACTION_OFFERED,
        null,
        (c, cur, d, now) -> d.agent = readyAgentWithRoom(c, agentId, cur).id());
  }

  @Override
  public Interaction accept(String id, String agentId) {
    return accept(id, agentId, Map.of());
  }

  @Override
  public Interaction accept(String id, String agentId, Map<String, String> attributes) {
    return change(
        id,
        InteractionOperation.ACCEPT,
        EventTypes.INTERACTION_ACCEPTED,
        null,
        withAttributes(
            attributes,
            (c, cur, d, now) -> {
              requireOfferedTo(cur, agentId, InteractionOperation.ACCEPT);
              d.answeredAt = cur.answeredAt() == null ? now : cur.answeredAt();
            }));
  }

  @Override
  public Interaction decline(String id, String agentId, String reason) {
    return change(
        id,
        InteractionOperation.DECLINE,
        EventTypes.INTERACTION_DECLINED,
        reason,
        (c, cur, d, now) -> {
          requireOfferedTo(cur, agentId, InteractionOperation.DECLINE);
          requireQueued(cur, InteractionOperation.DECLINE);
          d.agent = null;
        });
  }

  @Override
  public Interaction noAnswer(String id, String agentId) {
    return noAnswer(id, agentId, Map.of());
  }

  @Override
  public Interaction noAnswer(String id, String agentId, Map<String, String> attributes) {
    return change(
        id,
        InteractionOperation.NO_ANSWER,
        EventTypes.INTERACTION_DECLINED,
        AgentServiceImpl.NO_ANSWER,
        withAttributes(
            attributes,
            (c, cur, d, now) -> {
              requireOfferedTo(cur, agentId, InteractionOperation.NO_ANSWER);
              requireQueued(cur, InteractionOperation.NO_ANSWER);
              d.agent = null;
              AgentServiceImpl.markNoAnswer(c, agentId);
            }));
  }

  @Override
  public Interaction requestCallback(String id, String address) {
    if (address == null || address.isBlank() || address.length() > 256) {
      throw new ValidationException("address", "is required, 1-256 characters");
    }
    return change(
        id,
        InteractionOperation.REQUEST_CALLBACK,
        EventTypes.INTERACTION_CALLBACK_REQUESTED,
        null,
        (c, cur, d, now) -> {
          Map<String, String> attributes = new HashMap<>(cur.attributes());
          attributes.put(Attributes.CALLBACK_ADDRESS, address.strip());
          attributes.put(Attributes.CALLBACK_REQUESTED_AT, now.toString());
          d.attributes = Attributes.checked(attributes);
        });
  }

  @Override
  public Interaction hold(String id) {
    return change(
        id, InteractionOperation.HOLD, EventTypes.INTERACTION_HELD, null, (c, cur, d, now) -> {});
  }

  @Override
  public Interaction resume(String id) {
    return change(
        id,
        InteractionOperation.RESUME,
        EventTypes.INTERACTION_RESUMED,
        null,
        (c, cur, d, now) -> {});
  }

  @Override
  public Interaction transfer(String id, TransferTarget target) {
    return transfer(id, target, Map.of());
  }

  @Override
  public Interaction transfer(String id, TransferTarget target, Map<String, String> attributes) {
    if (target == null) {
      throw new ValidationException("target", "is required");
    }
    return change(
        id,
        InteractionOperation.TRANSFER,
        EventTypes.INTERACTION_TRANSFERRED,
        null,
        withAttributes(
            attributes,
            (c, cur, d, now) -> {
              if (target.queue() != null) {
                if (cur.agent() != null) {
                  d.attributes =
                      merged(d.attributes, Map.of(Attributes.TRANSFERRED_FROM, cur.agent()));
                }
                toQueue(
                    c,
                    cur,
                    d,
                    new QueueRequest(target.queue(), cur.priority(), cur.requiredSkills()),
                    now);
              } else {
                d.agent = loggedInAgent(c, target.agent()).id();
                d.state = InteractionState.OFFERED;
              }
            }));
  }

  @Override
  public Interaction endConversation(String id) {
    return endConversation(id, Map.of());
  }

  @Override
  public Interaction endConversation(String id, Map<String, String> attributes) {
    return change(
        id,
        InteractionOperation.END_CONVERSATION,
        EventTypes.INTERACTION_CONVERSATION_ENDED,
        null,
        withAttributes(attributes, (c, cur, d, now) -> {}));
  }

  @Override
  public Interaction complete(String id, Disposition disposition) {
    if (disposition == null) {
      throw new ValidationException("disposition", "is required to complete an interaction");
    }
    return change(
        id,
        InteractionOperation.COMPLETE,
        EventTypes.INTERACTION_COMPLETED,
        null,
        (c, cur, d, now) -> {
          if (cur.state() == InteractionState.OFFERED && cur.queue() != null) {
            throw new IllegalTransitionException(
                "interaction " + id,
                cur.state().name(),
                InteractionOperation.COMPLETE.verb(),
                "an offer from a queue is accepted, declined or abandoned; only a dial that did"
                    + " not connect is completed while OFFERED");
          }
          d.disposition = disposition;
          d.endedAt = now;
        });
  }

  @Override
  public Interaction abandon(String id, String reason) {
    return change(
        id,
        InteractionOperation.ABANDON,
        EventTypes.INTERACTION_ABANDONED,
        reason,
        (c, cur, d, now) -> d.endedAt = now);
  }

  @Override
  public Interaction updateAttributes(String id, Map<String, String> changes) {
    if (changes == null || changes.isEmpty()) {
      throw new ValidationException("attributes", "name at least one attribute to change");
    }
    return change(
        id,
        InteractionOperation.UPDATE_ATTRIBUTES,
        EventTypes.INTERACTION_ATTRIBUTES_UPDATED,
        null,
        (c, cur, d, now) -> d.attributes = merged(cur.attributes(), changes));
  }

  /** The attributes after {@code changes} (a null value removes the key). */
  private static Map<String, String> merged(
      Map<String, String> attributes, Map<String, String> changes) {
    Map<String, String> merged = new HashMap<>(attributes);
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            merged.remove(k);
          } else {
            merged.put(k, v);
          }
        });
    return Attributes.checked(merged);
  }

  /** {@code change}, then the attribute changes, in the same transaction and event. */
  private static Change withAttributes(Map<String, String> changes, Change change) {
    if (changes == null || changes.isEmpty()) {
      return change;
    }
    return (c, cur, d, now) -> {
      change.apply(c, cur, d, now);
      d.attributes = merged(d.attributes, changes);
    };
  }

  @Override
  public void recordLegs(String id, List<LegRecord> legs) {
    if (legs == null || legs.isEmpty() || legs.size() > MAX_LEGS) {
      throw new ValidationException("legs", "give 1-" + MAX_LEGS + " leg records");
    }
    store.write(
        c -> {
          Optional<Interaction> known = store.latest(id);
          Interaction i =
              (known.isPresent() ? known : InteractionRows.find(c, id))
                  .orElseThrow(() -> new NotFoundException("interaction", id));
          Events.legs(c, i, legs);
          return null;
        });
  }

  /** Most leg records in one call of {@link #recordLegs}. */
  static final int MAX_LEGS = 100;

  @Override
  public Optional<Interaction> find(String id) {
    Optional<Interaction> snapshot = store.snapshots.get(id);
    if (snapshot.isPresent()) {
      return snapshot;
    }
    // Not cached from here: a row read outside the write lock may already be outdated.
    return store.read(c -> InteractionRows.find(c, id));
  }

  @Override
  public List<Interaction> list(InteractionQuery query) {
    return store.read(c -> InteractionRows.list(c, query));
  }

  @Override
  public List<org.switchboard.core.api.event.SwitchboardEvent> events(String id, int limit) {
    Identifiers.require("id", id);
    checkLimit(limit);
    return store.read(c -> EventLog.ofSubject(c, id, limit));
  }

  @Override
  public List<Interaction> listActive(String afterId, int limit) {
    checkLimit(limit);
    return store.read(c -> InteractionRows.active(c, afterId == null ? "" : afterId, limit));
  }

  @Override
  public List<Interaction> history(String customerRef, int limit) {
    Identifiers.require("customerRef", customerRef);
    checkLimit(limit);
    return store.read(c -> InteractionRows.ofCustomer(c, customerRef, limit));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > InteractionQuery.MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + InteractionQuery.MAX_LIMIT + ", got " + limit);
    }
  }

  private Interaction change(
      String id, InteractionOperation op, String eventType, String reason, Change change) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("id", "is required");
    }
    return store.write(c -> apply(store, c, id, op, eventType, reason, change));
  }

  /** Applies one operation inside the caller's transaction (also used by agent logout). */
  static Interaction apply(
      CoreStore store,
      Connection c,
      String id,
      InteractionOperation op,
      String eventType,
      String reason,
      Change change)
      throws SQLException {
    Optional<Interaction> snapshot = store.latest(id); // exact: we hold the write lock
    Interaction current =
        (snapshot.isPresent() ? snapshot : InteractionRows.find(c, id))
            .orElseThrow(() -> new NotFoundException("interaction", id));
    op.check(current);
    InteractionDraft draft = new InteractionDraft(current);
    if (op.target() != null) {
      draft.state = op.target();
    }
    Instant now = Rows.now();
    change.apply(c, current, draft, now);
    Interaction next = draft.build(now);
    if (!InteractionRows.update(c, next)) {
      throw new ConflictException("interaction " + id + " changed concurrently; retry");
    }
    store.wrote(next);
    Events.interaction(c, eventType, next, current.state(), reason);
    return next;
  }

  private static void toQueue(
      Connection c, Interaction cur, InteractionDraft d, QueueRequest request, Instant now)
      throws SQLException {
    Queue queue =
        QueueRows.find(c, request.queue())
            .orElseThrow(() -> new NotFoundException("queue", request.queue()));
    if (!queue.accepts(cur.channel())) {
      throw new ValidationException(
          "queue",
          "queue '"
              + queue.id()
              + "' does not take "
              + cur.channel()
              + " interactions; it takes "
              + queue.channels());
    }
    SkillServiceImpl.requireExisting(
        c, request.requiredSkills().stream().map(SkillRequirement::skill).toList());
    d.queue = queue.id();
    d.priority = request.priority() == null ? queue.priority() : request.priority();
    d.requiredSkills = request.requiredSkills();
    d.state = InteractionState.QUEUED;
    d.agent = null;
    d.queuedAt = now;
  }

  static Agent loggedInAgent(Connection c, String agentId) throws SQLException {
    if (agentId == null || agentId.isBlank()) {
      throw new ValidationException("agent", "is required");
    }
    Agent agent =
        AgentRows.find(c, agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
    if (!agent.state().isLoggedIn()) {
      throw new IllegalTransitionException(
          "agent " + agentId,
          agent.state().name(),
          "receive an offer",
          "the agent must log in first");
    }
    return agent;
  }

  /** The agent an offer may go to: READY, with a free slot for the interaction's channel. */
  private static Agent readyAgentWithRoom(Connection c, String agentId, Interaction cur)
      throws SQLException {
    Agent agent = loggedInAgent(c, agentId);
    if (agent.state() != AgentState.READY) {
      throw new IllegalTransitionException(
          "agent " + agentId, agent.state().name(), "receive an offer", "the agent is not READY");
    }
    return withRoom(c, agent, cur);
  }

  /** The agent, when they have a free slot for the interaction's channel. */
  private static Agent withRoom(Connection c, Agent agent, Interaction cur) throws SQLException {
    String agentId = agent.id();
    long busy = InteractionRows.countOccupying(c, agentId, cur.channel());
    if (busy >= agent.capacityFor(cur.channel())) {
      throw new IllegalTransitionException(
          "agent " + agentId,
          agent.state().name(),
          "take another " + cur.channel() + " interaction",
          "the agent holds "
              + busy
              + " "
              + cur.channel()
              + " interaction(s) and has capacity for "
              + agent.capacityFor(cur.channel()));
    }
    return agent;
  }

  private static void requireQueued(Interaction cur, InteractionOperation op) {
    if (cur.queue() == null) {
      throw new IllegalTransitionException(
          "interaction " + cur.id(),
          cur.state().name(),
          op.verb(),
          "it was dialled by its agent and has no queue to return to; complete it instead");
    }
  }

  private static void requireOfferedTo(Interaction cur, String agentId, InteractionOperation op) {
    if (agentId == null || !agentId.equals(cur.agent())) {
      throw new IllegalTransitionException(
          "interaction " + cur.id(),
          cur.state().name(),
          op.verb(),
          "it is offered to agent '" + cur.agent() + "', not '" + agentId + "'");
    }
  }

  private static Map<String, String> withAttribute(
      Map<String, String> attributes, String key, String value) {
    Map<String, String> copy = new HashMap<>(attributes);
    copy.put(key, value);
    return Attributes.checked(copy);
  }
}
