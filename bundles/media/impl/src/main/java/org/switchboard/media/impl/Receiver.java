package org.switchboard.media.impl;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.DtmfListener;

/**
 * What one session receives, on the I/O thread: checks each RTP packet, latches the reply address,
 * counts packets and losses, reports telephone events and in-band digits, relays to the bridged leg
 * and feeds the recordings. Malformed packets and packets nobody negotiated are counted and
 * dropped; nothing here throws.
 */
final class Receiver {
  /** What the receiver hands on: the session it belongs to. */
  interface Session {
    RemoteMedia remote();

    Transmitter transmitter();

    /** The leg to relay to, or null. */
    MediaSessionImpl bridge();

    List<RecordingTap> taps();

    void digit(char digit, DtmfListener.Source source);

    /** Whether anyone listens for this leg's digits (in-band detection costs CPU per packet). */
    boolean hearsDigits();
  }

  private static final int MAX_SAMPLES = 2048;

  private final Session session;
  private final G711 g711;
  private final boolean inband;
  private final LossCounter loss = new LossCounter();
  private final TelephoneEvents events = new TelephoneEvents();
  private final InbandDtmfDetector detector = new InbandDtmfDetector();
  private final short[] pcm = new short[MAX_SAMPLES];
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private final AtomicLong rtcp = new AtomicLong();

  Receiver(Session session, G711 g711, boolean inband) {
    this.session = session;
    this.g711 = g711;
    this.inband = inband;
  }

  /** An RTP datagram. */
  void rtp(byte[] data, int length, InetSocketAddress from) {
    RtpPacket packet = RtpPacket.parse(data, length);
    if (packet == null) {
      malformed.incrementAndGet();
      return;
    }
    RemoteMedia media = session.remote();
    if (media == null || !media.receives()) {
      ignored.incrementAndGet();
      return;
    }
    boolean event = media.telephoneEvents() && packet.payloadType() == media.eventPayloadType();
    Codec codec = event ? null : media.received().get(packet.payloadType());
    if (!event && codec == null) {
      ignored.incrementAndGet();
      return;
    }
    session.transmitter().rtpFrom(packet.ssrc(), from);
    loss.packet(packet.ssrc(), packet.sequence());
    received.incrementAndGet();
    if (event) {
      telephoneEvent(packet);
    } else {
      audio(packet, codec);
    }
  }

  /** An RTCP datagram: counted, its source latched, its content ignored. */
  void rtcp(byte[] data, int length, InetSocketAddress from) {
    long ssrc = RtcpReport.senderOf(data, length);
    if (ssrc < 0) {
      malformed.incrementAndGet();
      return;
    }
    rtcp.incrementAndGet();
    session.transmitter().rtcpFrom(ssrc, from);
  }

  private void telephoneEvent(RtpPacket packet) {
    char digit = events.digitOf(packet);
    if (digit != 0) {
      session.digit(digit, DtmfListener.Source.RFC4733);
    }
    MediaSessionImpl bridge = session.bridge();
    if (bridge != null) {
      bridge.relayEvent(packet);
    }
  }

  private void audio(RtpPacket packet, Codec codec) {
    MediaSessionImpl bridge = session.bridge();
    if (bridge != null) {
      bridge.relayAudio(packet, codec);
    }
    List<RecordingTap> taps = session.taps();
    boolean detect = inband && !events.seen() && session.hearsDigits();
    if (taps.isEmpty() && !detect) {
      return;
    }
    int n = Math.min(packet.payloadLength(), MAX_SAMPLES);
    g711.decode(codec, packet.data(), packet.payloadOffset(), n, pcm);
    if (detect) {
      char digit = detector.feed(pcm, n);
      if (digit != 0) {
        session.digit(digit, DtmfListener.Source.INBAND);
      }
    }
    for (RecordingTap tap : taps) {
      tap.offer(pcm, n);
    }
  }

  long received() {
    return received.get();
  }

  long lost() {
    return loss.lost();
  }

  long malformed() {
    return malformed.get();
  }

  long ignored() {
    return ignored.get();
  }

  long rtcpReceived() {
    return rtcp.get();
  }
}
