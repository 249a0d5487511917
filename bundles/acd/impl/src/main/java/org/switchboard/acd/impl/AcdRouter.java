package org.switchboard.acd.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.acd.api.Decision;
import org.switchboard.acd.api.RoutingPolicy;
import org.switchboard.acd.api.WaitExplanation;
import org.switchboard.acd.impl.engine.Assignment;
import org.switchboard.acd.impl.engine.QueueRules;
import org.switchboard.acd.impl.engine.RoutingEngine;
import org.switchboard.acd.impl.engine.WaitExplainer;
import org.switchboard.core.api.SwitchboardException;
import org.switchboard.core.api.agent.Agent;
import org.switchboard.core.api.agent.AgentService;
import org.switchboard.core.api.agent.AgentState;
import org.switchboard.core.api.event.EventListener;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.interaction.Disposition;
import org.switchboard.core.api.interaction.Interaction;
import org.switchboard.core.api.interaction.InteractionService;
import org.switchboard.core.api.interaction.InteractionState;
import org.switchboard.core.api.interaction.TransferTarget;
import org.switchboard.core.api.queue.Queue;
import org.switchboard.core.api.queue.QueueService;

/**
 * The real-time router. It mirrors the core's queues, agents and active interactions in a {@link
 * RoutingEngine} (updated from core events, re-read from the core on start and at every
 * reconciliation), and acts on the engine's assignments through the core: offer, no-answer after
 * the ring timeout, overflow after the maximum wait, completion after the wrap-up time. All of it
 * runs on one thread, so decisions are made in a deterministic order; it keeps no state that
 * matters (the core does), so the bundle can be restarted or updated under traffic.
 */
@Component(service = AcdRouter.class, configurationPid = "org.switchboard.acd")
@Designate(ocd = AcdConfig.class)
public class AcdRouter {
  static final String WRAP_UP_EXPIRED = "wrap-up-expired";
  private static final Logger LOG = LoggerFactory.getLogger(AcdRouter.class);
  private static final int MAX_ROUNDS = 8;
  private static final int PAGE = 1000;

  private final InteractionService interactions;
  private final AgentService agents;
  private final QueueService queues;
  private final AcdStore store;
  private final StrategyRegistry strategies;
  private final AcdConfig config;
  private final Clock clock = Clock.systemUTC();
  private final RoutingEngine engine;
  private final ScheduledExecutorService thread;
  private final DecisionLog decisions;
  private final AgentWatchdog watchdog;
  private final Runnable onStrategyChange;
  private final Runnable unlisten;
  private final RoutingLag lag = new RoutingLag(clock::millis);
  private final Map<String, Timer> timers = new HashMap<>();
  private final Map<String, RoutingPolicy> policies = new HashMap<>();
  private final Map<String, Long> agentVersions = new HashMap<>();
  private final Map<String, Boolean> loggedIn = new HashMap<>();
  private final Map<String, Long> waitingVersions = new HashMap<>();
  private final Set<String> queueIds = new HashSet<>();
  private Instant wakeAt;
  private ScheduledFuture<?> wake;
  private Instant lastPrune = Instant.EPOCH;

  private record Timer(long version, ScheduledFuture<?> future) {}

  @Activate
  public AcdRouter(
      @Reference InteractionService interactions,
      @Reference AgentService agents,
      @Reference QueueService queues,
      @Reference AcdStore store,
      @Reference StrategyRegistry strategies,
      AcdConfig config,
      BundleContext context) {
    this(
        interactions,
        agents,
        queues,
        store,
        strategies,
        config,
        l -> {
          ServiceRegistration<EventListener> r =
              context.registerService(EventListener.class, l, null);
          return r::unregister;
        });
  }

  /**
   * @param listen registers the router's event listener and returns how to unregister it
   */
  AcdRouter(
      InteractionService interactions,
      AgentService agents,
      QueueService queues,
      AcdStore store,
      StrategyRegistry strategies,
      AcdConfig config,
      java.util.function.Function<EventListener, Runnable> listen) {
    this.interactions = interactions;
    this.agents = agents;
    this.queues = queues;
    this.store = store;
    this.strategies = strategies;
    this.config = config;
    Duration grace = Duration.ofSeconds(Math.max(0, config.strategyGraceSeconds()));
    this.engine =
        new RoutingEngine(
            id -> strategies.resolve(id, grace), Set.of(config.blockingChannels()), true);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "switchboard-acd-router");
              t.setDaemon(true);
              return t;
            });
    this.decisions = new DecisionLog(store);
    this.watchdog =
        new AgentWatchdog(
            Duration.ofSeconds(Math.max(0, config.staleAgentSeconds())), clock.instant());
    this.onStrategyChange = () -> submit(() -> engine.markAllDirty());
    strategies.onChange(onStrategyChange);
    // Listen before reading the core's state: whatever changes meanwhile is queued behind the read.
    this.unlisten = listen.apply(this::onEvent);
    submit(this::reconcile);
    long every = Math.max(1, config.reconcileSeconds());
    thread.scheduleWithFixedDelay(() -> guarded(this::reconcile), every, every, TimeUnit.SECONDS);
    thread.scheduleWithFixedDelay(() -> guarded(this::recheckStrategies), 1, 1, TimeUnit.SECONDS);
  }

  @Deactivate
  void stop() throws InterruptedException {
    unlisten.run();
    strategies.removeListener(onStrategyChange);
    thread.shutdownNow();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    decisions.close();
  }

  // ---- intake ---------------------------------------------------------------------------------

  private void onEvent(SwitchboardEvent e) {
    String type = e.type();
    if (type.startsWith("org.switchboard.interaction.")) {
      submitChange(e, () -> refreshInteraction(e.subject()));
    } else if (type.startsWith("org.switchboard.agent.")) {
      submitChange(e, () -> refreshAgent(e.subject()));
    } else if (type.startsWith("org.switchboard.queue.")) {
      submitChange(e, () -> refreshQueue(e.subject()));
    }
  }

  /** Runs a core change on the router thread, measuring how late the router takes it up. */
  private void submitChange(SwitchboardEvent e, Runnable refresh) {
    lag.received(e.time());
    boolean taken =
        submit(
            () -> {
              lag.handled(e.time());
              refresh.run();
            });
    if (!taken) {
      lag.dropped();
    }
  }

  /** How far routing is behind the core's changes (see {@link RoutingLag}). */
  Duration routingLag() {
    return lag.current();
  }

  /** Runs work on the router thread, then routes; false when the router is stopping. */
  private boolean submit(Runnable work) {
    try {
      thread.execute(
          () ->
              guarded(
                  () -> {
                    work.run();
                    route();
                  }));
      return true;
    } catch (RejectedExecutionException stopping) {
      LOG.debug("Router stopping; change ignored (it is re-read on the next start)");
      return false;
    }
  }

  /** Runs a question on the router thread and waits for the answer. */
  <T> T ask(Callable<T> question) {
    try {
      Future<T> answer = thread.submit(question);
      return answer.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new SwitchboardException("router failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException | RejectedExecutionException e) {
      throw new SwitchboardException("the router is busy or stopping; try again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchboardException("interrupted", e);
    }
  }

  private static void guarded(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.error("Router step failed; it is retried at the next change or reconciliation", e);
    }
  }

  // ---- mirroring the core -----------------------------------------------------------------

  private void refreshInteraction(String id) {
    Optional<Interaction> i = interactions.find(id);
    if (i.isPresent()) {
      apply(i.get());
    } else {
      forget(id);
    }
  }

  private void apply(Interaction i) {
    Instant now = clock.instant();
    InteractionState s = i.state();
    if (s == InteractionState.QUEUED) {
      engine.release(i.id(), now);
      cancelTimer(i.id());
      Long seen = waitingVersions.put(i.id(), i.version());
      if (seen == null || seen != i.version() || !engine.isWaiting(i.id())) {
        engine.enqueue(Views.contact(i, policyOf(i.queue()), config.vipBoost(), interactions, now));
      }
    } else if (s.occupiesAgent() && i.agent() != null) {
      waitingVersions.remove(i.id());
      engine.removeWaiting(i.id());
      engine.occupy(i.id(), i.agent(), i.channel().id());
      armTimers(i);
    } else {
      learnHandleTime(i);
      forget(i.id());
    }
  }

  /** A closed interaction its agent had until now tells the queue's average handle time. */
  private void learnHandleTime(Interaction i) {
    if (i.state() == InteractionState.CLOSED
        && i.queue() != null
        && i.answeredAt() != null
        && engine.holder(i.id()).isPresent()) {
      engine.handleTimes().handled(i.queue(), Duration.between(i.answeredAt(), i.updatedAt()));
    }
  }

  private void forget(String id) {
    waitingVersions.remove(id);
    engine.removeWaiting(id);
    engine.release(id, clock.instant());
    cancelTimer(id);
  }

  private void refreshAgent(String id) {
    Optional<Agent> found = agents.find(id);
    if (found.isEmpty()) {
      engine.removeAgent(id);
      agentVersions.remove(id);
      loggedIn.remove(id);
      watchdog.forget(id);
      return;
    }
    putAgent(found.get());
  }

  private void putAgent(Agent a) {
    Long known = agentVersions.put(a.id(), a.version());
    if (known != null && known == a.version()) {
      return;
    }
    Boolean wasIn = loggedIn.put(a.id(), a.state().isLoggedIn());
    if (a.state().isLoggedIn() && !Boolean.TRUE.equals(wasIn)) {
      watchdog.signOfLife(a.id(), clock.instant());
    }
    engine.putAgent(
        a.id(),
        Views.skills(a),
        Views.capacity(a),
        a.state().isLoggedIn(),
        a.state() == AgentState.READY,
        a.stateSince());
  }

  private void refreshQueue(String id) {
    Optional<Queue> q = queues.find(id);
    if (q.isEmpty()) {
      queueIds.remove(id);
      policies.remove(id);
      engine.removeQueue(id);
      return;
    }
    policies.put(id, store.policy(id).orElse(RoutingPolicy.defaults(id)));
    putQueue(q.get());
  }

  private void putQueue(Queue q) {
    queueIds.add(q.id());
    QueueRules rules = Views.rules(q, policyOf(q.id()));
    if (!rules.equals(engine.queueRules(q.id()))) {
      engine.putQueue(rules);
    }
  }

  private RoutingPolicy policyOf(String queue) {
    return policies.computeIfAbsent(queue, q -> store.policy(q).orElse(RoutingPolicy.defaults(q)));
  }

  /** Re-reads everything from the core and drops what the core no longer has. */
  private void reconcile() {
    Instant now = clock.instant();
    policies.clear();
    store.policies().forEach(p -> policies.put(p.queue(), p));
    Set<String> present = new HashSet<>();
    for (Queue q : queues.list()) {
      present.add(q.id());
      putQueue(q);
    }
    Set.copyOf(queueIds).stream().filter(id -> !present.contains(id)).forEach(this::refreshQueue);
    List<Agent> all = agents.list();
    Set<String> agentIds = new HashSet<>();
    for (Agent a : all) {
      agentIds.add(a.id());
      putAgent(a);
    }
    Set.copyOf(agentVersions.keySet()).stream()
        .filter(id -> !agentIds.contains(id))
        .forEach(this::refreshAgent);
    Set<String> active = new HashSet<>();
    String after = null;
    while (true) {
      List<Interaction> page = interactions.listActive(after, PAGE);
      for (Interaction i : page) {
        active.add(i.id());
        apply(i);
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    engine.knownInteractions().stream()
        .filter(id -> !active.contains(id))
        .toList()
        .forEach(this::forget);
    watchdog.check(all, agents, interactions, now, decisions::add);
    if (Duration.between(lastPrune, now).toHours() >= 1) {
      lastPrune = now;
      int pruned = store.pruneDecisions(now.minus(Duration.ofDays(config.decisionRetentionDays())));
      if (pruned > 0) {
        LOG.info(
            "Pruned {} routing decisions older than {} days",
            pruned,
            config.decisionRetentionDays());
      }
    }
  }

  private void recheckStrategies() {
    if (strategies.anyMissing()) {
      engine.markAllDirty();
      route();
    }
  }

  // ---- acting on decisions ----------------------------------------------------------------

  private void route() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant now = clock.instant();
      List<Assignment> assignments = engine.route(now);
      engine.takeOverflows().forEach(o -> overflow(o, now));
      if (assignments.isEmpty()) {
        break;
      }
      assignments.forEach(a -> offer(a, now));
    }
    scheduleWake();
  }

  private void offer(Assignment a, Instant now) {
    String id = a.contact().interactionId();
    try {
      Interaction offered = interactions.offer(id, a.agentId());
      decisions.add(a.decision());
      apply(offered);
    } catch (SwitchboardException e) {
      LOG.debug("Offer of {} to {} refused: {}", id, a.agentId(), e.getMessage());
      engine.release(id, null);
      agentVersions.remove(a.agentId());
      refreshAgent(a.agentId());
      refreshInteraction(id);
    }
  }

  private void overflow(RoutingEngine.Overflow o, Instant now) {
    String id = o.contact().interactionId();
    if (o.overflowQueue() == null) {
      return;
    }
    try {
      interactions.transfer(id, TransferTarget.toQueue(o.overflowQueue()));
      QueueRules rules = engine.queueRules(o.contact().queue());
      decisions.add(
          Decisions.of(
              Decision.Kind.OVERFLOW,
              now,
              id,
              o.contact().queue(),
              null,
              "waited longer than the maximum wait of queue "
                  + o.contact().queue()
                  + (rules == null || rules.maxWait() == null
                      ? ""
                      : " (" + rules.maxWait().toSeconds() + " s)")
                  + "; moved to overflow queue "
                  + o.overflowQueue()));
    } catch (SwitchboardException e) {
      LOG.warn("Overflow of {} to {} failed: {}", id, o.overflowQueue(), e.getMessage());
    }
    refreshInteraction(id);
  }

  private void scheduleWake() {
    Optional<Instant> next = engine.nextDeadline();
    if (next.isEmpty() || (wakeAt != null && !next.get().isBefore(wakeAt) && !wake.isDone())) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeAt = next.get();
    long delay = Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis()) + 1;
    wake = thread.schedule(() -> guarded(this::route), delay, TimeUnit.MILLISECONDS);
  }

  // ---- timers: ring timeout and wrap-up ----------------------------------------------------

  private void armTimers(Interaction i) {
    RoutingPolicy policy = i.queue() == null ? RoutingPolicy.defaults("none") : policyOf(i.queue());
    if (i.state() == InteractionState.OFFERED && i.queue() == null) {
      cancelTimer(i.id()); // an agent's own dial: its channel times it, there is no queue
    } else if (i.state() == InteractionState.OFFERED) {
      arm(i, i.updatedAt().plus(policy.ringTimeout()), () -> ringTimeout(i, policy));
    } else if (i.state() == InteractionState.WRAP_UP && !policy.wrapUpTime().isZero()) {
      arm(i, i.updatedAt().plus(policy.wrapUpTime()), () -> wrapUpExpired(i, policy));
    } else {
      cancelTimer(i.id());
    }
  }

  private void arm(Interaction i, Instant at, Runnable action) {
    Timer existing = timers.get(i.id());
    if (existing != null && existing.version() == i.version()) {
      return;
    }
    cancelTimer(i.id());
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    ScheduledFuture<?> f =
        thread.schedule(
            () ->
                guarded(
                    () -> {
                      timers.remove(i.id());
                      action.run();
                      route();
                    }),
            delay,
            TimeUnit.MILLISECONDS);
    timers.put(i.id(), new Timer(i.version(), f));
  }

  private void cancelTimer(String id) {
    Timer t = timers.remove(id);
    if (t != null) {
      t.future().cancel(false);
    }
  }

  private void ringTimeout(Interaction offered, RoutingPolicy policy) {
    Optional<Interaction> now = interactions.find(offered.id());
    if (now.isEmpty() || now.get().version() != offered.version()) {
      return;
    }
    try {
      apply(interactions.noAnswer(offered.id(), offered.agent()));
      decisions.add(
          Decisions.of(
              Decision.Kind.NO_ANSWER,
              clock.instant(),
              offered.id(),
              offered.queue(),
              offered.agent(),
              "no answer within the ring timeout of "
                  + policy.ringTimeout().toSeconds()
                  + " s; back to the head of queue "
                  + offered.queue()
                  + " with its original enqueue time; agent set NOT_READY (no-answer)"));
    } catch (SwitchboardException e) {
      LOG.debug("Ring timeout of {} not applied: {}", offered.id(), e.getMessage());
      refreshInteraction(offered.id());
    }
    refreshAgent(offered.agent());
  }

  private void wrapUpExpired(Interaction wrapping, RoutingPolicy policy) {
    Optional<Interaction> now = interactions.find(wrapping.id());
    if (now.isEmpty() || now.get().version() != wrapping.version()) {
      return;
    }
    try {
      apply(
          interactions.complete(
              wrapping.id(),
              new Disposition(
                  WRAP_UP_EXPIRED,
                  "wrap-up time of " + policy.wrapUpTime().toSeconds() + " s ran out")));
      decisions.add(
          Decisions.of(
              Decision.Kind.WRAP_UP_EXPIRED,
              clock.instant(),
              wrapping.id(),
              wrapping.queue(),
              wrapping.agent(),
              "wrap-up time of queue "
                  + wrapping.queue()
                  + " ("
                  + policy.wrapUpTime().toSeconds()
                  + " s) ran out; completed so the agent is free"));
    } catch (SwitchboardException e) {
      LOG.debug("Wrap-up expiry of {} not applied: {}", wrapping.id(), e.getMessage());
      refreshInteraction(wrapping.id());
    }
  }

  // ---- for AcdService ------------------------------------------------------------------------

  Optional<WaitExplanation> explain(String interactionId) {
    return ask(
        () -> {
          if (!engine.isWaiting(interactionId)) {
            refreshInteraction(interactionId); // its event may still be on the way
          }
          return WaitExplainer.explain(engine, interactionId, clock.instant());
        });
  }

  Optional<Duration> expectedWaitToJoin(String queue, String channel) {
    return ask(() -> WaitExplainer.expectedWaitToJoin(engine, queue, channel));
  }

  void policyChanged(String queue) {
    submit(() -> refreshQueue(queue));
  }

  void heartbeat(String agentId) {
    watchdog.signOfLife(agentId, clock.instant());
  }

  /** Waits until decisions made so far are stored. */
  void flushDecisions() {
    ask(() -> true);
    decisions.flush();
  }

  List<String> strategyIds() {
    return strategies.ids();
  }
}
