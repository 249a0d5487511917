package org.switchboard.flow.impl.runtime;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.flow.impl.model.FlowDefinition;
import org.switchboard.flow.impl.model.Node;

/**
 * Starts and tracks runs. Holds what all runs share: the executor their events run on, the timers,
 * the clock (calendar conditions), the data dips and the settings. Thread-safe.
 */
public final class Interpreter {
  private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);

  private final Executor executor;
  private final Timers timers;
  private final Clock clock;
  private final DataDips dips;
  private final Set<Run> running = ConcurrentHashMap.newKeySet();
  private volatile RunSettings settings;

  /**
   * Creates an interpreter.
   *
   * @param executor runs the runs' events (a shared pool; tests may run them inline)
   * @param timers schedules timeouts
   * @param clock the time for calendar conditions
   * @param dips finds data dips by name
   * @param settings engine-wide settings
   */
  public Interpreter(
      Executor executor, Timers timers, Clock clock, DataDips dips, RunSettings settings) {
    this.executor = executor;
    this.timers = timers;
    this.clock = clock;
    this.dips = dips;
    this.settings = settings;
  }

  /**
   * Starts a flow for a contact.
   *
   * @param flow the flow version to run
   * @param version its version number
   */
  public FlowRun start(
      FlowDefinition flow, int version, FlowSession session, Map<String, String> attributes) {
    Run run = new Run(flow, version, session, attributes, this);
    running.add(run);
    run.start();
    return run;
  }

  /**
   * Runs the safe default for a contact whose flow cannot run: straight into the fallback queue.
   *
   * @param flowId the flow that was asked for
   * @param reason why it cannot run, for the log
   */
  public FlowRun startFallback(
      String flowId, String reason, FlowSession session, Map<String, String> attributes) {
    RunSettings now = settings;
    LOG.warn(
        "Flow '{}' cannot run: {}; the contact goes to fallback queue {}",
        flowId,
        reason,
        now.fallbackQueue());
    Node queue = new Node.Queue("fallback", now.fallbackQueue(), null, List.of());
    FlowDefinition fallback =
        new FlowDefinition(
            flowId, flowId, "en", "fallback", null, Map.of(), Map.of("fallback", queue));
    return start(fallback, 0, session, attributes);
  }

  /** Replaces the settings; runs pick them up at their next step. */
  public void settings(RunSettings settings) {
    this.settings = settings;
  }

  /** How many runs have not ended. */
  public int runningCount() {
    return running.size();
  }

  /** Sends every run that has not ended to the fallback queue (the engine is stopping). */
  public void abandonAll(String reason) {
    for (Run run : List.copyOf(running)) {
      run.submit(() -> run.toFallback(reason));
    }
  }

  RunSettings settings() {
    return settings;
  }

  Executor executor() {
    return executor;
  }

  Timers timers() {
    return timers;
  }

  Clock clock() {
    return clock;
  }

  DataDips dips() {
    return dips;
  }

  void ended(Run run) {
    running.remove(run);
  }
}
