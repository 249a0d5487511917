package org.switchboard.flow.impl;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.flow.api.DataDip;
import org.switchboard.flow.api.FlowInfo;
import org.switchboard.flow.api.FlowProblem;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.api.FlowService;
import org.switchboard.flow.api.FlowSession;
import org.switchboard.flow.api.FlowValidationException;
import org.switchboard.flow.api.FlowVersion;
import org.switchboard.flow.impl.document.FlowCompiler;
import org.switchboard.flow.impl.runtime.Interpreter;
import org.switchboard.flow.impl.runtime.RunSettings;
import org.switchboard.flow.impl.runtime.ScheduledTimers;
import org.switchboard.flow.impl.runtime.Timers;
import org.switchboard.flow.impl.store.ActiveFlow;
import org.switchboard.flow.impl.store.FlowDirectoryWatcher;
import org.switchboard.flow.impl.store.FlowHistory;
import org.switchboard.flow.impl.store.FlowRepository;

/**
 * The flow engine as an OSGi service: flows from the flow directory (hot reloaded, versioned), runs
 * on a small shared scheduler, data dips picked up dynamically from the service registry. A
 * configuration change is applied in place: running contacts keep going; a new directory is read
 * afresh. When the engine stops, contacts still in a flow go to the fallback queue.
 */
@Component(service = FlowService.class, configurationPid = "org.switchboard.flow")
@Designate(ocd = FlowEngineConfig.class)
public class FlowEngine implements FlowService {
  private static final Logger LOG = LoggerFactory.getLogger(FlowEngine.class);

  private final Map<String, DataDip> dips = new ConcurrentHashMap<>();
  private final FlowCompiler compiler = new FlowCompiler();
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Interpreter interpreter;
  private volatile FlowRepository repository;
  private EngineSettings settings;
  private FlowDirectoryWatcher watcher;

  /** The OSGi constructor: a shared scheduler of two threads for events, timers and scans. */
  public FlowEngine() {
    this(Clock.systemDefaultZone(), null, null);
  }

  /**
   * For tests: a given clock, and timers and executor (inline, manual) instead of the scheduler's.
   */
  FlowEngine(Clock clock, Timers timers, Executor executor) {
    this.clock = clock;
    this.scheduler = newScheduler();
    this.interpreter =
        new Interpreter(
            executor == null ? scheduler : executor,
            timers == null ? new ScheduledTimers(scheduler) : timers,
            clock,
            name -> Optional.ofNullable(dips.get(name)),
            new RunSettings("support", 100, 3000));
  }

  @Activate
  @Modified
  void configure(FlowEngineConfig config) {
    apply(EngineSettings.from(config));
  }

  /** Applies settings; a changed directory is read afresh. */
  synchronized void apply(EngineSettings next) {
    interpreter.settings(next.run());
    boolean newPlace =
        settings == null
            || !settings.directory().equals(next.directory())
            || !settings.historyDirectory().equals(next.historyDirectory());
    if (newPlace) {
      FlowRepository repo =
          new FlowRepository(
              next.directory(), new FlowHistory(next.historyDirectory(), clock), compiler, clock);
      repo.scan();
      repository = repo;
      LOG.info(
          "Flow engine reading {} (history {}): {} flow(s) active",
          next.directory(),
          next.historyDirectory(),
          repo.flows().size());
    }
    if (watcher != null && (newPlace || settings.scanSeconds() != next.scanSeconds())) {
      watcher.stop();
      watcher = null;
    }
    if (watcher == null && next.scanSeconds() > 0) {
      watcher = new FlowDirectoryWatcher(repository, scheduler, next.scanSeconds());
    }
    settings = next;
  }

  @Deactivate
  synchronized void deactivate() {
    if (watcher != null) {
      watcher.stop();
    }
    int running = interpreter.runningCount();
    if (running > 0) {
      LOG.info(
          "Flow engine stopping: {} contact(s) still in a flow go to the fallback queue", running);
      interpreter.abandonAll("the flow engine is stopping");
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.shutdownNow();
    }
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void addDataDip(DataDip dip, Map<String, Object> properties) {
    Object name = properties.get(DataDip.NAME_PROPERTY);
    if (name == null) {
      LOG.warn(
          "Ignoring a DataDip service without the {} property: {}", DataDip.NAME_PROPERTY, dip);
      return;
    }
    DataDip previous = dips.put(name.toString(), dip);
    LOG.info("Data dip {} {}", name, previous == null ? "available" : "replaced");
  }

  void removeDataDip(DataDip dip, Map<String, Object> properties) {
    Object name = properties.get(DataDip.NAME_PROPERTY);
    if (name != null && dips.remove(name.toString(), dip)) {
      LOG.info("Data dip {} gone", name);
    }
  }

  @Override
  public FlowRun start(String flowId, FlowSession session, Map<String, String> attributes) {
    try {
      Optional<ActiveFlow> flow = repository().active(flowId);
      if (flow.isEmpty()) {
        return interpreter.startFallback(
            String.valueOf(flowId), "no active flow with this id", session, attributes);
      }
      ActiveFlow active = flow.get();
      return interpreter.start(active.definition(), active.info().version(), session, attributes);
    } catch (RuntimeException e) {
      LOG.error("Flow {} could not start", flowId, e);
      return interpreter.startFallback(String.valueOf(flowId), e.toString(), session, attributes);
    }
  }

  @Override
  public Optional<FlowInfo> flow(String id) {
    return repository().active(id).map(ActiveFlow::info);
  }

  @Override
  public List<FlowInfo> flows() {
    return repository().flows();
  }

  @Override
  public List<FlowProblem> validate(String document) {
    return compiler.validate(document);
  }

  @Override
  public FlowInfo deploy(String id, String document) throws FlowValidationException {
    FlowInfo info = repository().deploy(id, document, "deploy");
    LOG.info("Flow {} version {} deployed", id, info.version());
    return info;
  }

  @Override
  public List<FlowVersion> history(String id) {
    return repository().history(id);
  }

  @Override
  public Optional<String> document(String id, int version) {
    return repository().document(id, version);
  }

  @Override
  public FlowInfo rollback(String id, int version) throws FlowValidationException {
    FlowInfo info = repository().rollback(id, version);
    LOG.info(
        "Flow {} rolled back to the text of version {}: now version {}",
        id,
        version,
        info.version());
    return info;
  }

  /** Scans the flow directory now (tests; the watcher does it periodically). */
  void scanNow() {
    repository().scan();
  }

  FlowRepository repository() {
    FlowRepository repo = repository;
    if (repo == null) {
      throw new IllegalStateException("the flow engine is not configured yet");
    }
    return repo;
  }

  int runningCount() {
    return interpreter.runningCount();
  }

  private static ScheduledExecutorService newScheduler() {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "flow-engine-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return pool;
  }
}
