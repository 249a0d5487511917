package org.switchboard.media.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One call leg's audio at Switchboard: an RTP/RTCP endpoint, negotiated with the far end by SDP
 * (RFC 3264), sending and receiving G.711 (PCMU or PCMA) with RFC 4733 telephone events. Media is
 * symmetric and latched (RFC 4961): once the far end's first packet arrives, replies go to the
 * address it came from, which lets phones behind NAT work.
 *
 * <p>What the far end hears at a time is one of: nothing (silence), what {@link #play} plays, or,
 * when {@link #bridge bridged}, what the other leg sends. Playing while bridged interrupts the
 * other leg's audio for this leg only (a whisper prompt); when the prompts end the bridge is heard
 * again.
 */
@ProviderType
public interface MediaSession extends AutoCloseable {

  /** The session's id, unique in this engine. */
  String id();

  /** What the session belongs to, as given to {@link MediaService#open}. */
  String label();

  /**
   * Our SDP offer (a full session description, CRLF line ends), for an INVITE or a re-INVITE we
   * send: our address and port, PCMU, PCMA and telephone-event, ptime 20.
   *
   * @param direction the direction we offer ({@link Direction#SENDONLY} to hold the far end)
   */
  String offer(Direction direction);

  /**
   * Takes the far end's answer to our last {@link #offer}: codec, address, port and direction.
   *
   * @throws MediaException when the answer is not valid SDP or has no codec we offered (the call
   *     cannot have audio)
   */
  void accept(String sdpAnswer) throws MediaException;

  /**
   * Answers the far end's offer (a new call's INVITE or a re-INVITE: hold, resume, a new address)
   * and returns our SDP answer. The direction answered mirrors the offer's (sendonly is answered
   * recvonly, and so on).
   *
   * @throws MediaException when the offer is not valid SDP or has no codec we support (SIP: 488)
   */
  String answer(String sdpOffer) throws MediaException;

  /** The codec negotiated, or null before negotiation. */
  Codec codec();

  /**
   * The direction the far end last asked for, from its offer or answer: {@link Direction#SENDONLY}
   * or {@link Direction#INACTIVE} means it holds us.
   */
  Direction remoteDirection();

  /**
   * Plays prompts to the far end, one after the other, replacing whatever was playing.
   *
   * @param loop start again at the first prompt after the last (music on hold)
   * @param listener told when the prompts are done or were interrupted; may be null
   */
  void play(List<Prompt> prompts, boolean loop, PlaybackListener listener);

  /** Stops what is playing (its listener is told {@code interrupted}). */
  void stopPlaying();

  /**
   * Connects this leg to {@code other} both ways: each hears what the other sends, with transcoding
   * when their codecs differ and telephone events passed on when both negotiated them. Replaces any
   * bridge either had.
   */
  void bridge(MediaSession other);

  /** Ends this session's bridge (both ways); each leg hears silence or its prompts again. */
  void unbridge();

  /** The leg this one is bridged to, or null. */
  MediaSession bridgedTo();

  /**
   * Where the far end's DTMF digits go (RFC 4733 and in-band; one listener, null for none). Tones
   * in the audio are looked for only while a listener is set (it costs CPU on every packet).
   */
  void onDtmf(DtmfListener listener);

  /**
   * A digit the signalling received (SIP INFO {@code application/dtmf-relay}), reported to the
   * listener as if it came in the media, so flows and recording see every kind the same way.
   */
  void dtmfReceived(char digit, DtmfListener.Source source);

  /** Packet and byte counts so far, for statistics and tests. */
  MediaStats stats();

  /** Frees the ports; ends the bridge, playback and any recording of this leg. Idempotent. */
  @Override
  void close();

  /** The media direction of an SDP offer or answer (RFC 3264 §5.1, §6.1). */
  enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** The direction that answers an offer of this one. */
    public Direction answer() {
      return switch (this) {
        case SENDONLY -> RECVONLY;
        case RECVONLY -> SENDONLY;
        default -> this;
      };
    }

    /** Whether the side that said this holds the other (will not take its audio). */
    public boolean holds() {
      return this == SENDONLY || this == INACTIVE;
    }
  }
}
