package org.switchboard.acd.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RelaxationStep;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;
import org.switchboard.core.api.ChannelType;

/**
 * The routing engine: waiting interactions of every channel x ready agents with free capacity. Pure
 * and single-threaded: the real-time router drives it from one thread with the wall clock, the
 * simulator with a virtual clock, so both run exactly the same decisions.
 *
 * <p>It is incremental. It keeps the invariant "no waiting contact has an eligible available agent"
 * after every {@link #route}: a new or relaxed contact is matched against the available agents of
 * its queue; an agent who became available is matched against the lines of the queues they serve,
 * in arbitration order ({@link Line#ORDER}). Whoever gets a contact is chosen among all eligible
 * available agents by the queue's strategy.
 */
public final class RoutingEngine {
  private final StrategyResolver strategies;
  private final Set<String> blockingChannels;
  private final boolean recordDecisions;
  private final Map<String, QueueRules> queues = new HashMap<>();
  private final Map<String, AgentSlot> agents = new HashMap<>();
  private final Map<String, Line> waiting = new HashMap<>();
  private final Map<String, TreeSet<Line>> lines = new HashMap<>();
  private final Map<String, Set<AgentSlot>> available = new HashMap<>();
  private final Map<String, Held> held = new HashMap<>();
  private final PriorityQueue<Line.Deadline> deadlines = new PriorityQueue<>();
  private final HandleTimes handleTimes = new HandleTimes();
  private final Set<Line> dirtyLines = new HashSet<>();
  private final Set<AgentSlot> dirtyAgents = new HashSet<>();
  private final List<Overflow> overflows = new ArrayList<>();
  private boolean fullPass;
  private long seq;
  private long decisions;

  private record Held(String agentId, String channel) {}

  /**
   * An interaction that waited past its queue's maximum wait.
   *
   * @param contact the contact as it waited
   * @param overflowQueue where it should go, null when the queue has none (it keeps waiting)
   */
  public record Overflow(WaitingContact contact, String overflowQueue) {}

  /**
   * @param strategies finds strategies by id
   * @param blockingChannels channel ids whose interactions block all other work of an agent
   * @param recordDecisions whether to build a {@link Decision} for each assignment
   */
  public RoutingEngine(
      StrategyResolver strategies, Set<String> blockingChannels, boolean recordDecisions) {
    this.strategies = strategies;
    this.blockingChannels = Set.copyOf(blockingChannels);
    this.recordDecisions = recordDecisions;
  }

  // ---- model updates -------------------------------------------------------------------------

  /** Adds or replaces a queue. */
  public void putQueue(QueueRules rules) {
    queues.put(rules.id(), rules);
    lines.computeIfAbsent(rules.id(), q -> new TreeSet<>(Line.ORDER));
    available.computeIfAbsent(rules.id(), q -> new HashSet<>());
    agents.values().forEach(this::recomputeMembership);
    for (Line line : lines.get(rules.id())) {
      scheduleDeadlines(line);
    }
    fullPass = true;
  }

  /** Removes a queue; its agents stop being members. */
  public void removeQueue(String id) {
    queues.remove(id);
    agents.values().forEach(this::recomputeMembership);
    available.remove(id);
  }

  /**
   * Adds or updates an agent.
   *
   * @param stateSince when the agent entered the current state (starts idle time on becoming ready)
   */
  public void putAgent(
      String id,
      Map<String, Integer> skills,
      Map<String, Integer> capacity,
      boolean loggedIn,
      boolean ready,
      Instant stateSince) {
    AgentSlot a = agents.computeIfAbsent(id, AgentSlot::new);
    boolean wasReady = a.loggedIn && a.ready;
    a.skills = Map.copyOf(skills);
    a.capacity = Map.copyOf(capacity);
    a.totalSlots = capacity.values().stream().mapToInt(Integer::intValue).sum();
    a.loggedIn = loggedIn;
    a.ready = loggedIn && ready;
    if (!wasReady && a.ready && stateSince != null && stateSince.isAfter(a.idleSince)) {
      a.idleSince = stateSince;
    }
    recomputeMembership(a);
    refreshAvailability(a);
  }

  /** Forgets an agent (deleted profile). */
  public void removeAgent(String id) {
    AgentSlot a = agents.remove(id);
    if (a != null) {
      a.loggedIn = false;
      refreshAvailability(a);
    }
  }

  /** Records that an agent holds an interaction (offered, connected, held or in wrap-up). */
  public void occupy(String interactionId, String agentId, String channel) {
    Held current = held.get(interactionId);
    if (current != null && current.agentId.equals(agentId) && current.channel.equals(channel)) {
      return;
    }
    release(interactionId, null);
    AgentSlot a = agents.computeIfAbsent(agentId, AgentSlot::new);
    held.put(interactionId, new Held(agentId, channel));
    a.busy.merge(channel, 1, Integer::sum);
    a.busyTotal++;
    if (blockingChannels.contains(channel)) {
      a.blockingBusy++;
    }
    refreshAvailability(a);
  }

  /**
   * Records that an interaction no longer occupies its agent; {@code at} starts their idle time.
   */
  public void release(String interactionId, Instant at) {
    Held h = held.remove(interactionId);
    if (h == null) {
      return;
    }
    AgentSlot a = agents.get(h.agentId);
    if (a == null) {
      return;
    }
    a.busy.merge(h.channel, -1, Integer::sum);
    a.busyTotal--;
    if (blockingChannels.contains(h.channel)) {
      a.blockingBusy--;
    }
    if (at != null && a.busyTotal == 0 && at.isAfter(a.idleSince)) {
      a.idleSince = at;
    }
    refreshAvailability(a);
  }

  /**
   * Puts a contact in line, or updates it (same id); keeps its place when queuedAt is unchanged.
   */
  public void enqueue(WaitingContact contact) {
    Line existing = waiting.get(contact.interactionId());
    if (existing != null) {
      if (existing.contact.equals(contact)) {
        return;
      }
      removeWaiting(contact.interactionId());
    }
    QueueRules q = queues.get(contact.queue());
    long threshold = q == null ? Long.MAX_VALUE : q.serviceLevelThreshold().toMillis();
    Line line = new Line(contact, seq++, threshold);
    waiting.put(contact.interactionId(), line);
    lines.computeIfAbsent(contact.queue(), k -> new TreeSet<>(Line.ORDER)).add(line);
    scheduleDeadlines(line);
    dirtyLines.add(line);
  }

  /** Takes a contact out of line (offered elsewhere, abandoned, closed...). */
  public void removeWaiting(String interactionId) {
    Line line = waiting.remove(interactionId);
    if (line != null) {
      lines.get(line.contact.queue()).remove(line);
      dirtyLines.remove(line);
    }
  }

  /** Re-examines every waiting contact at the next pass (e.g. after a strategy came back). */
  public void markAllDirty() {
    fullPass = true;
  }

  // ---- routing --------------------------------------------------------------------------------

  /**
   * Fires due timers and makes every assignment now possible. Each assignment already reserves the
   * agent and takes the contact out of line; the caller makes the offer and reports failures back
   * through the model updates.
   */
  public List<Assignment> route(Instant now) {
    fireDeadlines(now);
    if (fullPass) {
      fullPass = false;
      dirtyLines.addAll(waiting.values());
    }
    List<Assignment> out = new ArrayList<>();
    if (!dirtyLines.isEmpty()) {
      List<Line> order = new ArrayList<>(dirtyLines);
      dirtyLines.clear();
      order.sort(Line.ORDER);
      for (Line line : order) {
        if (waiting.get(line.id()) == line) {
          tryAssign(line, now, out);
        }
      }
    }
    if (!dirtyAgents.isEmpty()) {
      List<AgentSlot> order = new ArrayList<>(dirtyAgents);
      dirtyAgents.clear();
      order.sort(Comparator.comparing(AgentSlot::id));
      for (AgentSlot a : order) {
        while (a.available) {
          Line next = firstLineFor(a, now);
          if (next == null || !tryAssign(next, now, out)) {
            break;
          }
        }
      }
    }
    return out;
  }

  /** Contacts that waited past their queue's maximum since the last call; each reported once. */
  public List<Overflow> takeOverflows() {
    List<Overflow> due = List.copyOf(overflows);
    overflows.clear();
    return due;
  }

  /** The earliest pending timer (step start or maximum wait), if any. */
  public Optional<Instant> nextDeadline() {
    while (!deadlines.isEmpty()
        && waiting.get(deadlines.peek().line().id()) != deadlines.peek().line()) {
      deadlines.poll();
    }
    return Optional.ofNullable(deadlines.peek()).map(Line.Deadline::at);
  }

  /** Routing decisions made since the engine was created. */
  public long decisionCount() {
    return decisions;
  }

  private boolean tryAssign(Line line, Instant now, List<Assignment> out) {
    WaitingContact c = line.contact;
    QueueRules q = queues.get(c.queue());
    if (q == null) {
      line.blockedBy = "queue '" + c.queue() + "' is not known to the router";
      return false;
    }
    RoutingStrategy strategy = strategies.resolve(q.policy().strategy());
    if (strategy == null) {
      line.blockedBy = "routing strategy '" + q.policy().strategy() + "' is not available";
      return false;
    }
    if (!c.due(now)) {
      line.blockedBy = "not to be offered before " + c.notBefore();
      return false;
    }
    line.blockedBy = null;
    Set<AgentSlot> pool = available.get(q.id());
    if (pool == null || pool.isEmpty()) {
      return false;
    }
    Requirements req = requirements(q, line, now);
    RoutingRequest request =
        new RoutingRequest(
            c.interactionId(),
            ChannelType.of(c.channel()),
            c.queue(),
            c.priority(),
            req.all(),
            c.customerRef(),
            c.lastAgent(),
            c.queuedAt(),
            now);
    CandidateRanking ranking = new CandidateRanking(recordDecisions, now);
    for (AgentSlot a : pool) {
      if (req.admits(a, c.channel())) {
        ranking.consider(a, strategy.score(request, a.toCandidate()));
      }
    }
    if (ranking.best() == null) {
      return false;
    }
    AgentSlot chosen = ranking.best();
    removeWaiting(c.interactionId());
    chosen.lastOfferAt = now;
    chosen.idleSince = now;
    occupy(c.interactionId(), chosen.id, c.channel());
    decisions++;
    out.add(
        new Assignment(
            c, chosen.id, recordDecisions ? decision(c, chosen, q, req, ranking, now) : null));
    return true;
  }

  private Decision decision(
      WaitingContact c,
      AgentSlot chosen,
      QueueRules q,
      Requirements req,
      CandidateRanking r,
      Instant now) {
    String rule =
        "queue "
            + q.id()
            + ", priority "
            + c.priority()
            + ", "
            + req.stepRule()
            + (req.onlyAgent() != null ? ", reserved for the customer's last agent" : "")
            + ", strategy "
            + q.policy().strategy()
            + ": highest score wins, ties to the agent idle longest";
    return new Decision(
        UUID.randomUUID().toString(),
        now,
        Decision.Kind.OFFER,
        c.interactionId(),
        q.id(),
        chosen.id,
        rule,
        r.top(),
        r.count());
  }

  private Line firstLineFor(AgentSlot a, Instant now) {
    Line best = null;
    for (String queueId : a.memberQueues) {
      QueueRules q = queues.get(queueId);
      TreeSet<Line> line = lines.get(queueId);
      if (q == null || line == null || line.isEmpty()) {
        continue;
      }
      if (strategies.resolve(q.policy().strategy()) == null) {
        continue;
      }
      for (Line l : line) {
        if (best != null && Line.ORDER.compare(l, best) >= 0) {
          break;
        }
        if (l.contact.due(now) && requirements(q, l, now).admits(a, l.contact.channel())) {
          best = l;
          break;
        }
      }
    }
    return best;
  }

  Requirements requirements(QueueRules q, Line line, Instant now) {
    WaitingContact c = line.contact;
    Duration waited = waited(c, now);
    int step = q.policy().stepAt(waited);
    String last = c.lastAgent();
    AgentSlot lastAgent = last == null ? null : agents.get(last);
    return Requirements.of(q, c, step, lastAgent != null && lastAgent.loggedIn, waited);
  }

  private static Duration waited(WaitingContact c, Instant now) {
    Duration d = Duration.between(c.queuedAt(), now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  // ---- timers ---------------------------------------------------------------------------------

  private void scheduleDeadlines(Line line) {
    QueueRules q = queues.get(line.contact.queue());
    if (q == null) {
      return;
    }
    for (RelaxationStep step : q.policy().steps()) {
      if (step.after().isZero()) {
        continue; // in force from the start: nothing changes later
      }
      deadlines.add(
          new Line.Deadline(line.contact.queuedAt().plus(step.after()), line, false, seq++));
    }
    if (q.maxWait() != null) {
      deadlines.add(
          new Line.Deadline(line.contact.queuedAt().plus(q.maxWait()), line, true, seq++));
    }
    if (line.contact.notBefore() != null
        && line.contact.notBefore().isAfter(line.contact.queuedAt())) {
      deadlines.add(new Line.Deadline(line.contact.notBefore(), line, false, seq++));
    }
    if (line.contact.transferredFrom() != null) {
      deadlines.add(
          new Line.Deadline(
              line.contact.queuedAt().plus(Requirements.TRANSFER_BACK_GUARD), line, false, seq++));
    }
  }

  private void fireDeadlines(Instant now) {
    while (!deadlines.isEmpty() && !deadlines.peek().at().isAfter(now)) {
      Line.Deadline d = deadlines.poll();
      Line line = d.line();
      if (waiting.get(line.id()) != line) {
        continue;
      }
      if (!d.overflow()) {
        dirtyLines.add(line);
        continue;
      }
      QueueRules q = queues.get(line.contact.queue());
      if (q != null
          && q.maxWait() != null
          && !line.overflowReported
          && !waited(line.contact, now).minus(q.maxWait()).isNegative()) {
        line.overflowReported = true;
        overflows.add(new Overflow(line.contact, q.overflowQueue()));
      }
    }
  }

  // ---- membership and availability -------------------------------------------------------------

  private void recomputeMembership(AgentSlot a) {
    Set<String> now = new HashSet<>();
    for (QueueRules q : queues.values()) {
      if (a.meets(q.requiredSkills())
          && q.channels().stream().anyMatch(ch -> a.capacityOn(ch) > 0)) {
        now.add(q.id());
      }
    }
    if (now.equals(a.memberQueues)) {
      return;
    }
    if (a.available) {
      a.memberQueues.forEach(q -> poolOf(q).remove(a));
      now.forEach(q -> poolOf(q).add(a));
      dirtyAgents.add(a);
    }
    a.memberQueues.clear();
    a.memberQueues.addAll(now);
  }

  private void refreshAvailability(AgentSlot a) {
    boolean free = agents.get(a.id) == a && a.hasFreeSlot();
    if (free != a.available) {
      a.available = free;
      for (String q : a.memberQueues) {
        if (free) {
          poolOf(q).add(a);
        } else {
          poolOf(q).remove(a);
        }
      }
    }
    if (free) {
      dirtyAgents.add(a);
    } else {
      dirtyAgents.remove(a);
    }
  }

  private Set<AgentSlot> poolOf(String queue) {
    return available.computeIfAbsent(queue, q -> new HashSet<>());
  }

  // ---- read access for explanations, metrics and tests --------------------------------------

  /** The agent's view, if known. */
  public Optional<AgentSlot> agent(String id) {
    return Optional.ofNullable(agents.get(id));
  }

  /** All agents known to the engine. */
  public Iterable<AgentSlot> agents() {
    return agents.values();
  }

  /** Whether an interaction is waiting in line. */
  public boolean isWaiting(String interactionId) {
    return waiting.containsKey(interactionId);
  }

  /** How many contacts wait, all queues. */
  public int waitingCount() {
    return waiting.size();
  }

  /** The contacts of one queue in line order. */
  public List<WaitingContact> line(String queue) {
    TreeSet<Line> l = lines.get(queue);
    return l == null ? List.of() : l.stream().map(x -> x.contact).toList();
  }

  /** What the engine learned of each queue's handle time (for expected waits). */
  public HandleTimes handleTimes() {
    return handleTimes;
  }

  /** The agent an interaction occupies, if any. */
  public Optional<String> holder(String interactionId) {
    return Optional.ofNullable(held.get(interactionId)).map(Held::agentId);
  }

  Line lineEntry(String interactionId) {
    return waiting.get(interactionId);
  }

  QueueRules queue(String id) {
    return queues.get(id);
  }

  /** The rules the engine holds for a queue, null when unknown. */
  public QueueRules queueRules(String id) {
    return queues.get(id);
  }

  /** Ids of every interaction the engine tracks (waiting or occupying an agent). */
  public Set<String> knownInteractions() {
    Set<String> ids = new HashSet<>(waiting.keySet());
    ids.addAll(held.keySet());
    return ids;
  }

  boolean strategyAvailable(String id) {
    return strategies.resolve(id) != null;
  }
}
