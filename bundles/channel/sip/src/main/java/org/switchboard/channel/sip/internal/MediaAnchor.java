package org.switchboard.channel.sip.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Prompt;

/**
 * Anchors calls' audio in the media engine when one is installed: the customer's SDP is answered by
 * a media session of ours, every agent phone is offered another, and the two are bridged when the
 * agent answers. While the call waits (queued, ringing an agent, on hold, after a transfer) the
 * customer hears the queue's treatment: its greeting once, then music. Without a media engine the
 * B2BUA passes SDP from leg to leg as before (see {@link CallLegs}).
 *
 * <p>Runs on the call's {@link SerialExecutor}; the media engine's methods return at once.
 */
final class MediaAnchor {
  private static final Logger LOG = LoggerFactory.getLogger(MediaAnchor.class);

  /** How a queued caller is treated before an agent answers. */
  enum QueueMedia {
    /**
     * 183 Session Progress with our SDP: the caller hears the treatment, the call is unanswered.
     */
    EARLY,
    /** 200 at once: the caller is answered by Switchboard and hears the treatment. */
    ANSWER,
    /** 180 Ringing only; the caller hears their own ringback until an agent answers. */
    RINGING;

    static QueueMedia parse(String value) {
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "queueMedia must be early, answer or ringing, got '" + value + "'", e);
      }
    }
  }

  private final Supplier<MediaService> engine;
  private final QueueMedia queueMedia;
  private final String music;
  private final Map<String, String> greetings;
  private final CallRecorder recorder;
  private final QueueAnnouncements announcements;

  MediaAnchor(
      Supplier<MediaService> engine,
      QueueMedia queueMedia,
      String music,
      Map<String, String> greetings,
      CallRecorder recorder,
      QueueAnnouncements announcements) {
    this.engine = engine;
    this.recorder = recorder;
    this.announcements = announcements;
    this.queueMedia = queueMedia;
    this.music = music;
    this.greetings = Map.copyOf(greetings);
  }

  /** Reads {@code queueGreetings} entries, {@code <queueId>=<prompt>}. */
  static Map<String, String> greetings(java.util.List<String> entries) {
    Map<String, String> map = new java.util.HashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "queueGreetings entry '" + entry + "' must be <queueId>=<prompt>");
      }
      map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    return map;
  }

  QueueMedia queueMedia() {
    return queueMedia;
  }

  /**
   * Anchors a new call's audio: a media session for the customer and our SDP for them. Null when no
   * media engine runs (SDP then passes through).
   *
   * <p>Every call will need a second session, the agent's, when it is offered. A new call is taken
   * only while the engine has room for two sessions for each of the {@code calls} in progress (this
   * one included): otherwise callers waiting with music would hold every session, no offer could
   * ring an agent, and nobody would be answered.
   *
   * @throws MediaBusyException when there is no room for the call's two sessions (SIP 503)
   * @throws MediaException when the customer's offer has nothing we can answer (SIP 488)
   */
  CallMedia anchor(Call call, int calls) throws MediaException {
    MediaService media = engine.get();
    if (media == null) {
      return null;
    }
    if (2L * calls > media.maxSessions()) {
      throw new org.switchboard.media.api.MediaBusyException(
          "no room for another call's media: "
              + (calls - 1)
              + " calls in progress need 2 sessions each, maxSessions "
              + media.maxSessions());
    }
    MediaSession session = media.open(call.customerCallId);
    try {
      if (call.customerOffered()) {
        String answer =
            session.answer(new String(call.invite.getRawContent(), StandardCharsets.UTF_8));
        return new CallMedia(media, session, bytes(answer), false);
      }
      return new CallMedia(
          media, session, bytes(session.offer(MediaSession.Direction.SENDRECV)), true);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Anchors a call we place (an agent's dial, a callback): a media session for the customer whose
   * offer goes in our INVITE to them. Null when no media engine runs.
   */
  CallMedia anchorDial(Call call) throws MediaException {
    MediaService media = engine.get();
    if (media == null) {
      return null;
    }
    MediaSession session = media.open(call.customerCallId);
    try {
      return new CallMedia(
          media, session, bytes(session.offer(MediaSession.Direction.SENDRECV)), true);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** The customer answered our INVITE: their answer completes their leg, then the bridge. */
  void customerAnswered(Call call, byte[] sdp) throws MediaException {
    CallMedia m = call.media;
    m.customer.accept(new String(sdp == null ? new byte[0] : sdp, StandardCharsets.UTF_8));
    m.customerAnswerPending = false;
    bridgeIfAgent(call);
  }

  /** Whether the customer hears our media before an agent answers (183 or 200 with our SDP). */
  boolean earlyAudio(Call call) {
    return call.media != null
        && queueMedia != QueueMedia.RINGING
        && !call.media.customerAnswerPending;
  }

  /** The customer's ACK of our 200; it carries their answer when they made no offer. */
  void customerAcked(Call call, byte[] body) {
    CallMedia m = call.media;
    if (m == null || !m.customerAnswerPending || body == null || body.length == 0) {
      return;
    }
    try {
      m.customer.accept(new String(body, StandardCharsets.UTF_8));
      m.customerAnswerPending = false;
      bridgeIfAgent(call);
    } catch (MediaException e) {
      LOG.info(
          "Call {}: the customer's answer is unusable: {}", call.customerCallId, e.getMessage());
    }
  }

  /** Our SDP offer for the current agent's phones (one media session for all of them). */
  byte[] agentOffer(Call call) throws MediaException {
    CallMedia m = call.media;
    if (m.agent == null) {
      m.agent = engine.get() == null ? null : engine.get().open(call.customerCallId + "/agent");
      if (m.agent == null) {
        throw new MediaException("the media engine is gone");
      }
      m.agentOffer = bytes(m.agent.offer(MediaSession.Direction.SENDRECV));
    }
    return m.agentOffer;
  }

  /**
   * The agent's phone answered our offer: its media is taken and, once the customer's media is
   * known too, the two are bridged and the treatment stops.
   *
   * @throws MediaException when the phone's answer is unusable
   */
  void agentAnswered(Call call, byte[] sdp) throws MediaException {
    CallMedia m = call.media;
    m.agent.accept(new String(sdp == null ? new byte[0] : sdp, StandardCharsets.UTF_8));
    bridgeIfAgent(call);
  }

  private void bridgeIfAgent(Call call) {
    CallMedia m = call.media;
    if (m.agent == null || m.agent.codec() == null || m.customerAnswerPending) {
      return;
    }
    stopTreatment(call);
    m.customer.onDtmf(null); // the agent hears the caller's keys; nobody else needs them now
    m.customer.bridge(m.agent);
    recorder.bridged(call);
    MediaSession agent = m.agent;
    agent.onDtmf((key, source) -> call.executor.execute(() -> agentKey(call, agent, key)));
  }

  private void agentKey(Call call, MediaSession from, char key) {
    if (call.media != null && call.media.agent == from) {
      recorder.agentKey(call, key);
    }
  }

  /** The call waits for an agent (again): the customer hears the greeting once, then music. */
  void waiting(Call call, String queue) {
    CallMedia m = call.media;
    if (m == null || !earlyAudio(call) && !call.customerAnswered || m.treatmentPlaying) {
      return;
    }
    List<Prompt> first = new ArrayList<>();
    String greeting = queue == null ? null : greetings.get(queue);
    if (greeting != null && !m.greeted) {
      prompt(greeting, call).ifPresent(first::add);
      m.greeted = true;
    }
    m.treatmentPlaying = true;
    announcements.start(call, () -> musicAgain(call));
    if (first.isEmpty()) {
      musicAgain(call);
      return;
    }
    m.customer.play(
        first,
        false,
        interrupted -> {
          if (!interrupted) {
            call.executor.execute(() -> musicAgain(call));
          }
        });
  }

  /**
   * The call stops waiting (bridged, a callback promised): greeting, music and announcements end.
   */
  void stopTreatment(Call call) {
    CallMedia m = call.media;
    if (m == null) {
      return;
    }
    m.treatmentPlaying = false;
    announcements.stop(call);
    m.customer.stopPlaying();
  }

  /** The waiting caller hears the music (again, after the greeting or an announcement). */
  private void musicAgain(Call call) {
    CallMedia m = call.media;
    if (m != null && m.treatmentPlaying) {
      prompt(music, call).ifPresent(p -> m.customer.play(List.of(p), true, null));
    }
  }

  /** The agent is gone (transfer, hang-up): their media session closes, the customer waits. */
  void agentLeft(Call call) {
    CallMedia m = call.media;
    if (m == null || m.agent == null) {
      return;
    }
    recorder.finish(call);
    m.agent.close();
    m.agent = null;
    m.agentOffer = null;
    m.onHold = false;
  }

  /**
   * Answers an offer made inside the call (re-INVITE or UPDATE) by one leg's phone with that leg's
   * own media session: the other leg is never asked. When the agent holds the customer, the
   * customer hears music until the agent resumes.
   *
   * @throws MediaException when the offer cannot be answered (SIP 488)
   */
  byte[] answerInCall(Call call, boolean fromAgent, byte[] offer) throws MediaException {
    CallMedia m = call.media;
    MediaSession leg = fromAgent ? m.agent : m.customer;
    if (leg == null) {
      throw new MediaException("no media session for that leg");
    }
    if (offer == null || offer.length == 0) {
      return bytes(leg.offer(MediaSession.Direction.SENDRECV));
    }
    String answer = leg.answer(new String(offer, StandardCharsets.UTF_8));
    if (fromAgent && leg.remoteDirection().holds()) {
      m.treatmentPlaying = false;
      prompt(music, call).ifPresent(p -> m.customer.play(List.of(p), true, null));
    } else if (fromAgent) {
      m.customer.stopPlaying();
    }
    return bytes(answer);
  }

  /** A DTMF digit the signalling carried (SIP INFO): to the leg's session like in-band ones. */
  void dtmf(Call call, boolean fromAgent, char digit) {
    CallMedia m = call.media;
    MediaSession leg = m == null ? null : fromAgent ? m.agent : m.customer;
    if (leg != null) {
      leg.dtmfReceived(digit, org.switchboard.media.api.DtmfListener.Source.SIP_INFO);
    }
  }

  /**
   * The core has the call on hold (the agent pressed hold on the desktop, or their phone sent a
   * hold offer): the customer hears the music and the two legs no longer hear each other, until
   * {@link #resumed}. Repeated calls change nothing.
   */
  void held(Call call) {
    CallMedia m = call.media;
    if (m == null || m.agent == null || m.onHold) {
      return;
    }
    m.onHold = true;
    m.customer.unbridge();
    prompt(music, call).ifPresent(p -> m.customer.play(List.of(p), true, null));
  }

  /** The core has the call connected again after a hold: the music stops, the legs are bridged. */
  void resumed(Call call) {
    CallMedia m = call.media;
    if (m == null || m.agent == null || !m.onHold) {
      return;
    }
    m.onHold = false;
    m.customer.stopPlaying();
    m.customer.bridge(m.agent);
  }

  /**
   * A media session for a supervisor's phone on the call, in the call's engine.
   *
   * @throws MediaException when the call's audio is not anchored or no session can be opened
   */
  MediaSession openSupervisor(Call call) throws MediaException {
    CallMedia m = call.media;
    MediaService media = engine.get();
    if (m == null || m.agent == null || media == null || !m.of(media)) {
      throw new MediaException("the call's audio is not anchored at Switchboard");
    }
    return media.open(call.customerCallId + "/supervisor");
  }

  /**
   * Joins the supervisor's answered leg to the call's customer and agent.
   *
   * @throws MediaException when a leg's session is gone
   */
  org.switchboard.media.api.Monitoring monitor(Call call, Call.MonitorLeg leg)
      throws MediaException {
    CallMedia m = call.media;
    MediaService media = engine.get();
    if (m == null || m.agent == null || media == null || !m.of(media)) {
      throw new MediaException("the call's audio is no longer anchored at Switchboard");
    }
    return media.monitor(m.customer, m.agent, leg.media, leg.mode);
  }

  /** The call is over: both media sessions close (which stops playback and recording). */
  void release(Call call) {
    CallMedia m = call.media;
    if (m == null) {
      return;
    }
    announcements.stop(call);
    agentLeft(call);
    m.customer.close();
  }

  private java.util.Optional<Prompt> prompt(String name, Call call) {
    MediaService media = engine.get();
    if (media == null || name == null || name.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(media.prompt(name));
    } catch (MediaException e) {
      LOG.warn("Call {}: prompt '{}' cannot play: {}", call.customerCallId, name, e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private static byte[] bytes(String sdp) {
    return sdp.getBytes(StandardCharsets.UTF_8);
  }
}
