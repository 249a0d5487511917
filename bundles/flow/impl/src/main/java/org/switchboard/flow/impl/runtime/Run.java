package org.switchboard.flow.impl.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.ChannelType;
import org.switchboard.core.api.interaction.QueueRequest;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.flow.impl.model.Announcement;
import org.switchboard.flow.impl.model.FlowDefinition;
import org.switchboard.flow.impl.model.Node;
import org.switchboard.flow.impl.model.Templates;

/**
 * One flow running for one contact: a state machine driven by events (input, playback done, timer,
 * data dip result). Events are queued on a {@link SerialExecutor}, so a run's state is only ever
 * touched by one task at a time and no lock is held while the {@link FlowSession} is called.
 * Transitions are trampolined (no recursion through chains of nodes) and counted: more than {@code
 * maxStepsPerInput} nodes between two customer events, or any exception, sends the contact to the
 * fallback queue.
 */
public final class Run implements FlowRun {
  private static final Logger LOG = LoggerFactory.getLogger(Run.class);
  private static final int MAX_TYPEAHEAD = 32;

  private final FlowDefinition flow;
  private final int version;
  private final FlowSession session;
  private final Interpreter engine;
  private final SerialExecutor events;
  private final Playback playback;
  private final boolean chat;
  private final Map<String, String> variables = new ConcurrentHashMap<>();
  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private final Deque<String> typeahead = new ArrayDeque<>();

  private volatile String currentNode;
  private volatile boolean ended;
  private Node node;
  private Object state;
  private String pendingTarget;
  private int steps;
  private int generation;
  private Timers.Cancellable timer;

  Run(
      FlowDefinition flow,
      int version,
      FlowSession session,
      Map<String, String> attrs,
      Interpreter engine) {
    this.flow = flow;
    this.version = version;
    this.session = session;
    this.engine = engine;
    this.events = new SerialExecutor(engine.executor());
    this.playback = new Playback(session);
    this.chat = ChannelType.CHAT.equals(session.channel());
    if (attrs != null) {
      attrs.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              attributes.put(k, v);
            }
          });
    }
  }

  void start() {
    submit(() -> go(flow.start()));
  }

  // ---- FlowRun: events from the channel ----

  @Override
  public String flowId() {
    return flow.id();
  }

  @Override
  public int flowVersion() {
    return version;
  }

  @Override
  public void input(String text) {
    if (text == null) {
      return;
    }
    submit(
        () -> {
          steps = 0;
          Handlers.of(node).input(this, node, text);
        });
  }

  @Override
  public void playbackDone() {
    submit(
        () -> {
          steps = 0;
          if (playback.done()) {
            Handlers.of(node).promptsDone(this, node);
          }
        });
  }

  @Override
  public void customerLeft() {
    submit(
        () -> {
          LOG.debug("Flow {} v{}: customer left at node {}", flow.id(), version, currentNode);
          finish();
        });
  }

  @Override
  public String currentNode() {
    return currentNode;
  }

  @Override
  public boolean ended() {
    return ended;
  }

  @Override
  public Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  // ---- what node handlers use (only from this run's tasks) ----

  FlowDefinition flow() {
    return flow;
  }

  FlowSession session() {
    return session;
  }

  boolean chat() {
    return chat;
  }

  Interpreter engine() {
    return engine;
  }

  Map<String, String> variablesForUpdate() {
    return variables;
  }

  Map<String, String> attributesForUpdate() {
    return attributes;
  }

  @SuppressWarnings("unchecked")
  <T> T state() {
    return (T) state;
  }

  void state(Object state) {
    this.state = state;
  }

  /** A number that changes with every node entry and retry: async results carry it. */
  int generation() {
    return generation;
  }

  /** Starts a new generation: results and timers of the previous one are ignored from now. */
  int nextGeneration() {
    cancelTimer();
    return ++generation;
  }

  String render(String template) {
    return Templates.render(
        template,
        name -> {
          String value = variables.get(name);
          return value != null ? value : attributes.get(name);
        });
  }

  /** Plays announcements; the handler's {@code promptsDone} follows when all are done. */
  void announce(List<Announcement> parts, boolean bargeIn) {
    if (!playback.start(parts, bargeIn, flow.language(), this::render)) {
      Handlers.of(node).promptsDone(this, node);
    }
  }

  void say(String text, String language, boolean bargeIn) {
    Announcement part = new Announcement(List.of(), text);
    if (!playback.start(
        List.of(part), bargeIn, language == null ? flow.language() : language, this::render)) {
      Handlers.of(node).promptsDone(this, node);
    }
  }

  boolean playing() {
    return playback.playing();
  }

  void stopPlaying() {
    playback.stop();
  }

  /** Calls {@code timeout} on the current node's handler after a delay, replacing any timer. */
  void startTimer(Duration delay) {
    cancelTimer();
    int token = generation;
    Node at = node;
    timer =
        engine
            .timers()
            .schedule(
                delay,
                () ->
                    submit(
                        () -> {
                          if (token == generation && at == node) {
                            steps = 0;
                            timer = null;
                            Handlers.of(node).timeout(this, node);
                          }
                        }));
  }

  void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** Runs a task as an event of this run (e.g. a data dip's result). */
  void submit(Runnable task) {
    events.execute(() -> dispatch(task));
  }

  /** Input that arrived while the run could not use it, kept for the next menu or collect. */
  void keepTypeahead(String text) {
    if (typeahead.size() < MAX_TYPEAHEAD) {
      typeahead.add(text);
    }
  }

  boolean hasTypeahead() {
    return !typeahead.isEmpty();
  }

  /** Goes to a node once the current event's handler returns. */
  void go(String target) {
    pendingTarget = target;
  }

  /** Ends the run: the contact was handed on (or left). */
  void finish() {
    if (!ended) {
      ended = true;
      cancelTimer();
      typeahead.clear();
      pendingTarget = null;
      engine.ended(this);
    }
  }

  /** Sends the contact to the fallback queue by design (e.g. a menu without {@code onFailure}). */
  void toFallback(String reason) {
    if (!ended) {
      LOG.info(
          "Flow {} v{} at node {}: {}; to the fallback queue",
          flow.id(),
          version,
          currentNode,
          reason);
      handOver(reason);
    }
  }

  /** A runtime problem: logged, and the contact goes to the fallback queue. */
  void fail(String reason, Throwable cause) {
    if (!ended) {
      LOG.warn(
          "Flow {} v{} failed at node {}: {}; the contact goes to the fallback queue",
          flow.id(),
          version,
          currentNode,
          reason,
          cause);
      handOver(reason);
    }
  }

  private void handOver(String reason) {
    pendingTarget = null;
    try {
      playback.stop();
    } catch (RuntimeException e) {
      LOG.warn("Flow {}: stopping playback failed", flow.id(), e);
    }
    Set<String> queues = new LinkedHashSet<>();
    if (flow.fallback() != null) {
      queues.add(flow.fallback());
    }
    queues.add(engine.settings().fallbackQueue());
    for (String queue : queues) {
      try {
        session.enqueue(QueueRequest.to(queue));
        finish();
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "Flow {}: could not put the contact into fallback queue {} ({})",
            flow.id(),
            queue,
            reason,
            e);
      }
    }
    try {
      session.hangup("flow-error");
    } catch (RuntimeException e) {
      LOG.error("Flow {}: hang-up after failed fallback failed too", flow.id(), e);
    }
    finish();
  }

  private void dispatch(Runnable task) {
    if (ended) {
      return;
    }
    try {
      task.run();
      while (pendingTarget != null && !ended) {
        String target = pendingTarget;
        pendingTarget = null;
        enter(target);
      }
    } catch (RuntimeException e) {
      fail("unexpected " + e, e);
    }
  }

  private void enter(String target) {
    if (++steps > engine.settings().maxStepsPerInput()) {
      fail(
          "more than "
              + engine.settings().maxStepsPerInput()
              + " steps without customer input: the flow loops",
          null);
      return;
    }
    Node next = flow.nodes().get(target);
    if (next == null) {
      fail("unknown node '" + target + "'", null);
      return;
    }
    playback.stop();
    nextGeneration();
    node = next;
    currentNode = target;
    state = null;
    NodeHandler handler = Handlers.of(next);
    handler.enter(this, next);
    while (!ended
        && pendingTarget == null
        && node == next
        && handler.takesInput()
        && !typeahead.isEmpty()) {
      handler.input(this, next, typeahead.poll());
    }
  }
}
