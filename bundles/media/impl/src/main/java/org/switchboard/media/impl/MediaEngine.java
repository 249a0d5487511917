package org.switchboard.media.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.api.health.Health;
import org.switchboard.core.api.health.HealthIndicator;
import org.switchboard.media.api.MediaBusyException;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Monitoring;
import org.switchboard.media.api.Prompt;
import org.switchboard.media.api.Recording;

/**
 * The media engine: RTP sessions on the configured port range, one I/O thread receiving for all of
 * them, one media clock sending prompts and writing recordings, the prompt library. A new
 * configuration restarts it (DS deactivates and activates it again); {@link #close} closes every
 * session and joins the threads. Usable without OSGi through {@link #MediaEngine(EngineSettings)}.
 */
@Component(
    service = {MediaService.class, HealthIndicator.class},
    immediate = true,
    configurationPid = "org.switchboard.media")
@Designate(ocd = MediaConfig.class)
public class MediaEngine implements MediaService, HealthIndicator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);

  private final EngineSettings settings;
  private final G711 g711;
  private final PortRange ports;
  private final PromptLibrary prompts;
  private final MediaIoPool io;
  private final MediaClock clock;
  private final Map<String, MediaSessionImpl> sessions = new ConcurrentHashMap<>();
  private final Set<Recorder> recorders = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong writePhases =
      new java.util.concurrent.atomic.AtomicLong();
  private final Set<Monitor> monitors = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger reserved =
      new java.util.concurrent.atomic.AtomicInteger();
  private final SessionServices services;
  private volatile boolean stopping;

  @Activate
  public MediaEngine(MediaConfig config) throws IOException {
    this(EngineSettings.of(config));
  }

  /**
   * Starts an engine.
   *
   * @throws IllegalStateException when the JDK has no G.711 codecs (javax.sound providers)
   * @throws IOException when the selector cannot be opened
   */
  public MediaEngine(EngineSettings settings) throws IOException {
    this.settings = settings;
    this.g711 = G711.build();
    this.ports = new PortRange(settings.address(), settings.portMin(), settings.portMax());
    this.prompts = new PromptLibrary(settings.promptDirectory());
    this.io = new MediaIoPool(settings.ioThreads());
    this.clock = new MediaClock(settings.ptimeMillis(), this::tick);
    this.services =
        new SessionServices(g711, clock, io, ports, settings, new Object(), this::forget);
    LOG.info(
        "media engine on {} ports {}-{} (SDP address {}), prompts in {}",
        settings.address().getHostAddress(),
        settings.portMin(),
        settings.portMax(),
        settings.advertisedAddress(),
        settings.promptDirectory());
  }

  @Override
  public MediaSession open(String label) throws MediaException {
    if (stopping) {
      throw new MediaBusyException("the media engine is stopping");
    }
    if (reserved.incrementAndGet() > settings.maxSessions()) {
      reserved.decrementAndGet();
      throw new MediaBusyException(
          "too many media sessions (" + settings.maxSessions() + "): raise maxSessions");
    }
    PortRange.Pair pair;
    try {
      pair = ports.open();
    } catch (MediaException e) {
      reserved.decrementAndGet();
      throw e;
    }
    String id = Long.toString(ids.incrementAndGet());
    MediaSessionImpl session = new MediaSessionImpl(id, label == null ? "" : label, pair, services);
    sessions.put(id, session);
    if (stopping) {
      session.close();
      throw new MediaException("the media engine is stopping");
    }
    return session;
  }

  @Override
  public Prompt prompt(String name) throws MediaException {
    return prompts.prompt(name);
  }

  @Override
  public Prompt prompt(Path file) throws MediaException {
    if (file == null) {
      throw new MediaException("no audio file given");
    }
    return prompts.file(file);
  }

  @Override
  public Recording record(MediaSession left, MediaSession right, Path file) throws MediaException {
    MediaSessionImpl l = own(left);
    MediaSessionImpl r = right == null ? null : own(right);
    if (file == null) {
      throw new MediaException("no file to record to");
    }
    RecordingTap leftTap = new RecordingTap();
    RecordingTap rightTap = new RecordingTap();
    Recorder[] holder = new Recorder[1];
    Recorder recorder =
        new Recorder(
            file,
            leftTap,
            rightTap,
            settings.samplesPerPacket(),
            (int) (writePhases.getAndIncrement() % StaggeredWriter.FRAMES_PER_WRITE),
            () -> {
              l.detach(holder[0], leftTap);
              if (r != null) {
                r.detach(holder[0], rightTap);
              }
              recorders.remove(holder[0]);
            });
    holder[0] = recorder;
    try {
      l.attach(recorder, leftTap);
      if (r != null) {
        r.attach(recorder, rightTap);
      }
    } catch (MediaException e) {
      recorder.stopQuietly();
      throw e;
    }
    recorders.add(recorder);
    LOG.debug("recording {} and {} to {}", l.id(), r == null ? "nothing" : r.id(), file);
    return recorder;
  }

  @Override
  public Monitoring monitor(
      MediaSession customer, MediaSession agent, MediaSession supervisor, Monitoring.Mode mode)
      throws MediaException {
    MediaSessionImpl c = own(customer);
    MediaSessionImpl a = own(agent);
    MediaSessionImpl s = own(supervisor);
    if (mode == null) {
      throw new MediaException("a monitoring mode is required");
    }
    if (s == c || s == a || c == a) {
      throw new MediaException("customer, agent and supervisor need three different sessions");
    }
    Monitor[] holder = new Monitor[1];
    Monitor monitor =
        new Monitor(c, a, s, mode, settings.samplesPerPacket(), () -> monitors.remove(holder[0]));
    holder[0] = monitor;
    monitor.join();
    monitors.add(monitor);
    LOG.debug("session {} monitors {} and {} ({})", s.id(), c.id(), a.id(), mode.id());
    return monitor;
  }

  @Override
  public int openSessions() {
    return sessions.size();
  }

  @Override
  public int maxSessions() {
    return settings.maxSessions();
  }

  @Override
  public String component() {
    return "media";
  }

  @Override
  public Health check() {
    boolean running = io.alive() && clock.alive() && !stopping;
    String detail =
        (running ? "" : "media threads stopped; ")
            + sessions.size()
            + " sessions; "
            + ports.free()
            + " of "
            + settings.portPairs()
            + " port pairs free on "
            + settings.address().getHostAddress();
    return new Health(
        running ? Health.Status.UP : Health.Status.DOWN,
        detail,
        Map.of(
            "sessions", sessions.size(),
            "portPairsFree", ports.free(),
            "recordings", recorders.size(),
            "monitors", monitors.size(),
            "malformedPackets", malformed(),
            "handlerFailures", io.handlerFailures()));
  }

  /** Closes every session, completes every recording, stops and joins the media threads. */
  @Deactivate
  @Override
  public void close() {
    stopping = true;
    List<MediaSessionImpl> open = new ArrayList<>(sessions.values());
    open.forEach(MediaSessionImpl::close);
    new ArrayList<>(recorders).forEach(Recorder::stopQuietly);
    clock.stop();
    io.stop();
    LOG.info("media engine stopped ({} sessions closed)", open.size());
  }

  /** The settings the engine runs with. */
  public EngineSettings settings() {
    return settings;
  }

  private void tick() {
    for (MediaSessionImpl session : sessions.values()) {
      try {
        session.tick();
      } catch (RuntimeException e) {
        LOG.warn("media tick of {} failed: {}", session, e.toString(), e);
      }
    }
    for (Recorder recorder : recorders) {
      try {
        recorder.tick();
      } catch (RuntimeException e) {
        LOG.warn("recording tick failed: {}", e.toString(), e);
      }
    }
    for (Monitor monitor : monitors) {
      try {
        monitor.tick();
      } catch (RuntimeException e) {
        LOG.warn("monitoring tick failed: {}", e.toString(), e);
      }
    }
  }

  private long malformed() {
    long sum = 0;
    for (MediaSessionImpl s : sessions.values()) {
      sum += s.malformedPackets();
    }
    return sum;
  }

  private MediaSessionImpl own(MediaSession session) throws MediaException {
    if (!(session instanceof MediaSessionImpl s) || sessions.get(s.id()) != s) {
      throw new MediaException("not an open session of this media engine: " + session);
    }
    return s;
  }

  private void forget(MediaSessionImpl session) {
    if (sessions.remove(session.id(), session)) {
      reserved.decrementAndGet();
    }
  }
}
