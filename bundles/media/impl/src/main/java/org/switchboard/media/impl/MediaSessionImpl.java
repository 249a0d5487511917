package org.switchboard.media.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.DtmfListener;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.MediaStats;
import org.switchboard.media.api.PlaybackListener;
import org.switchboard.media.api.Prompt;

/**
 * One call leg's media: the session's ports, its SDP negotiation, what it sends ({@link
 * Transmitter}, {@link Playout}) and receives ({@link Receiver}), its bridge and recordings.
 * Control methods are thread-safe and return at once; its packets are received on one of the
 * engine's I/O threads (the same for its whole life; the bridged leg's audio is sent from that
 * leg's thread, through the thread-safe {@link Transmitter}) and prompts on its clock thread, which
 * read the negotiated state through volatile fields.
 */
final class MediaSessionImpl implements MediaSession, Receiver.Session {
  private static final Logger LOG = LoggerFactory.getLogger(MediaSessionImpl.class);
  private static final int RTCP_INTERVAL_MILLIS = 5000;
  private static final String DIGITS = "0123456789*#ABCD";

  private final String id;
  private final String label;
  private final SessionServices services;
  private final PortRange.Pair ports;
  private final SdpNegotiator sdp;
  private final Transmitter transmitter;
  private final Receiver receiver;
  private final Playout playout;
  private final MediaIo io;
  private final String cname;
  private final int rtcpTicks;
  private final List<RecordingTap> taps = new CopyOnWriteArrayList<>();
  private final List<Recorder> recorders = new CopyOnWriteArrayList<>();
  private final AtomicReference<Player> player = new AtomicReference<>();
  private final AtomicLong digits = new AtomicLong();
  private int rtcpCountdown;
  private volatile MediaSessionImpl bridge;
  private volatile Monitor monitor;
  private volatile DtmfListener listener;
  private volatile boolean closed;

  MediaSessionImpl(String id, String label, PortRange.Pair ports, SessionServices services) {
    EngineSettings settings = services.settings();
    this.id = id;
    this.label = label;
    this.services = services;
    this.ports = ports;
    this.sdp =
        new SdpNegotiator(settings.advertisedAddress(), ports.rtpPort(), settings.ptimeMillis());
    this.transmitter = new Transmitter(ports.rtp(), ports.rtcp(), services.g711());
    this.receiver = new Receiver(this, services.g711(), settings.inbandDtmf());
    this.playout = new Playout(transmitter, settings.ptimeMillis());
    this.cname = "switchboard-" + id + "@" + settings.advertisedAddress();
    this.rtcpTicks = Math.max(1, RTCP_INTERVAL_MILLIS / settings.ptimeMillis());
    this.rtcpCountdown = ThreadLocalRandom.current().nextInt(1, rtcpTicks + 1);
    this.io = services.io().next();
    io.register(ports.rtp(), receiver::rtp);
    io.register(ports.rtcp(), receiver::rtcp);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return label;
  }

  /** The RTP port; RTCP is the next one. */
  int port() {
    return ports.rtpPort();
  }

  @Override
  public synchronized String offer(Direction direction) {
    return sdp.offer(direction == null ? Direction.SENDRECV : direction);
  }

  @Override
  public synchronized void accept(String sdpAnswer) throws MediaException {
    requireOpen();
    negotiated(sdp.accept(sdpAnswer));
  }

  @Override
  public synchronized String answer(String sdpOffer) throws MediaException {
    requireOpen();
    SdpNegotiator.Answer answer = sdp.answer(sdpOffer);
    negotiated(answer.remote());
    return answer.sdp();
  }

  @Override
  public Codec codec() {
    RemoteMedia m = transmitter.remote();
    return m == null ? null : m.codec();
  }

  /** {@inheritDoc} SENDRECV while nothing is negotiated yet. */
  @Override
  public Direction remoteDirection() {
    RemoteMedia m = transmitter.remote();
    return m == null ? Direction.SENDRECV : m.remoteDirection();
  }

  @Override
  public void play(List<Prompt> prompts, boolean loop, PlaybackListener listener) {
    List<PromptAudio> audio = new ArrayList<>();
    for (Prompt p : prompts) {
      if (!(p instanceof PromptAudio a)) {
        throw new IllegalArgumentException("not a prompt of this media engine: " + p);
      }
      audio.add(a);
    }
    Player next = new Player(audio, loop, listener);
    if (closed) {
      services.clock().execute(() -> next.finish(true));
      return;
    }
    interrupt(player.getAndSet(next));
  }

  @Override
  public void stopPlaying() {
    interrupt(player.getAndSet(null));
  }

  @Override
  public void bridge(MediaSession other) {
    if (!(other instanceof MediaSessionImpl leg) || leg == this) {
      throw new IllegalArgumentException("cannot bridge " + id + " to " + other);
    }
    synchronized (services.bridgeLock()) {
      if (closed || leg.closed) {
        LOG.warn("not bridging {} and {}: a session is closed", id, leg.id);
        return;
      }
      unbridgeLocked();
      leg.unbridgeLocked();
      bridge = leg;
      leg.bridge = this;
    }
    LOG.debug("bridged {} ({}) and {} ({})", id, label, leg.id, leg.label);
  }

  @Override
  public void unbridge() {
    synchronized (services.bridgeLock()) {
      unbridgeLocked();
    }
  }

  @Override
  public MediaSession bridgedTo() {
    return bridge;
  }

  @Override
  public void onDtmf(DtmfListener listener) {
    this.listener = listener;
  }

  @Override
  public void dtmfReceived(char digit, DtmfListener.Source source) {
    char d = Character.toUpperCase(digit);
    if (DIGITS.indexOf(d) < 0) {
      LOG.debug("session {}: ignoring DTMF '{}' from the signalling", id, digit);
      return;
    }
    services
        .clock()
        .execute(() -> digit(d, source == null ? DtmfListener.Source.SIP_INFO : source));
  }

  @Override
  public MediaStats stats() {
    return new MediaStats(
        receiver.received(), transmitter.sender().packets(), receiver.lost(), digits.get());
  }

  /** RTP datagrams that were not valid RTP. */
  long malformedPackets() {
    return receiver.malformed();
  }

  /** RTP packets dropped because nothing negotiated them (payload type, direction). */
  long ignoredPackets() {
    return receiver.ignored();
  }

  long rtcpReceived() {
    return receiver.rtcpReceived();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    unbridge();
    interrupt(player.getAndSet(null));
    recorders.forEach(Recorder::stopQuietly);
    Monitor m = monitor;
    if (m != null) {
      m.stop();
    }
    io.close(List.of(ports.rtp(), ports.rtcp()), () -> services.ports().release(port()));
    services.closed().accept(this);
    LOG.debug("closed media session {} ({})", id, label);
  }

  /** One media-clock tick: the next piece of the prompts, and RTCP when it is due. */
  void tick() {
    if (closed) {
      return;
    }
    Player p = player.get();
    if (p != null && playout.tick(p)) {
      player.compareAndSet(p, null);
      p.finish(false);
    }
    if (--rtcpCountdown <= 0) {
      rtcpCountdown = rtcpTicks;
      transmitter.rtcp(RtcpReport.build(transmitter.sender(), cname));
    }
  }

  /**
   * Audio of the bridged leg: sent on unless this leg is playing prompts or hears a supervisor's
   * mix instead.
   */
  void relayAudio(RtpPacket packet, Codec codec) {
    Monitor m = monitor;
    if (!closed && player.get() == null && (m == null || !m.mixesTo(this))) {
      transmitter.relay(packet, codec);
    }
  }

  /** A frame of a monitor's mix for this leg (clock thread): sent unless prompts are playing. */
  void mixed(Monitor from, short[] pcm, int n) {
    if (!closed && player.get() == null && monitor == from) {
      transmitter.play(from, pcm, n);
    }
  }

  /** Becomes one of the three legs of {@code m}, its audio fed to {@code tap}. */
  void join(Monitor m, RecordingTap tap) throws MediaException {
    synchronized (this) {
      requireOpen();
      if (monitor != null) {
        throw new MediaException("media session " + id + " is already monitored");
      }
      monitor = m;
      taps.add(tap);
    }
  }

  /** Leaves {@code m} (it stopped); the bridge's relay is heard again. */
  void leave(Monitor m, RecordingTap tap) {
    synchronized (this) {
      taps.remove(tap);
      if (monitor == m) {
        monitor = null;
      }
    }
  }

  /** The monitor this leg belongs to, or null. */
  Monitor monitor() {
    return monitor;
  }

  /** A telephone event of the bridged leg: sent on unless this leg is playing prompts. */
  void relayEvent(RtpPacket packet) {
    if (!closed && player.get() == null) {
      transmitter.relayEvent(packet);
    }
  }

  void attach(Recorder recorder, RecordingTap tap) throws MediaException {
    synchronized (this) {
      requireOpen();
      recorders.add(recorder);
      taps.add(tap);
    }
  }

  void detach(Recorder recorder, RecordingTap tap) {
    recorders.remove(recorder);
    taps.remove(tap);
  }

  @Override
  public RemoteMedia remote() {
    return transmitter.remote();
  }

  @Override
  public Transmitter transmitter() {
    return transmitter;
  }

  @Override
  public MediaSessionImpl bridge() {
    return bridge;
  }

  @Override
  public List<RecordingTap> taps() {
    return taps;
  }

  @Override
  public boolean hearsDigits() {
    return listener != null;
  }

  @Override
  public void digit(char digit, DtmfListener.Source source) {
    digits.incrementAndGet();
    DtmfListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.digit(digit, source);
    } catch (RuntimeException e) {
      LOG.warn("DTMF listener of session {} failed: {}", id, e.toString(), e);
    }
  }

  @Override
  public String toString() {
    return "media session " + id + " (" + label + ", port " + port() + ")";
  }

  private void negotiated(RemoteMedia media) {
    transmitter.negotiated(media);
    playout.ptime(media.ptime());
    LOG.debug(
        "session {}: {} to {}, we {} / far end {}",
        id,
        media.codec(),
        media.rtp(),
        media.localDirection(),
        media.remoteDirection());
  }

  private void interrupt(Player previous) {
    if (previous != null) {
      services.clock().execute(() -> previous.finish(true));
    }
  }

  private void unbridgeLocked() {
    MediaSessionImpl other = bridge;
    if (other != null) {
      bridge = null;
      if (other.bridge == this) {
        other.bridge = null;
      }
    }
  }

  private void requireOpen() throws MediaException {
    if (closed) {
      throw new MediaException("media session " + id + " is closed");
    }
  }
}
