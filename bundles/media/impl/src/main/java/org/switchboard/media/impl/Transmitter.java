package org.switchboard.media.impl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.switchboard.media.api.Codec;

/**
 * What one session sends: prompt audio from the media clock, the bridged leg's audio and telephone
 * events from the I/O thread, RTCP reports, all through one {@link RtpSender} so the far end sees
 * one continuous stream. Sends only while the negotiated directions allow it, to the latched
 * address. Thread-safe; never blocks (a full socket buffer drops the packet).
 */
final class Transmitter {
  private final DatagramChannel rtp;
  private final DatagramChannel rtcp;
  private final G711 g711;
  private final RtpSender sender = new RtpSender();
  private final Latch rtpLatch = new Latch();
  private final Latch rtcpLatch = new Latch();
  private final AtomicLong dropped = new AtomicLong();
  private volatile RemoteMedia remote;

  /** Room for one packet, per sending thread (media clock, I/O thread), reused for every packet. */
  private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

  private static final class Frame {
    static final int MAX_PAYLOAD = 2048;
    final byte[] bytes = new byte[RtpPacket.HEADER + MAX_PAYLOAD];
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);
  }

  Transmitter(DatagramChannel rtp, DatagramChannel rtcp, G711 g711) {
    this.rtp = rtp;
    this.rtcp = rtcp;
    this.g711 = g711;
  }

  /** A new offer/answer: new codec, address and directions. */
  void negotiated(RemoteMedia media) {
    remote = media;
    rtpLatch.expect(media.rtp());
    rtcpLatch.expect(media.rtcp());
  }

  RemoteMedia remote() {
    return remote;
  }

  /** A valid RTP packet came from the far end (symmetric RTP). */
  void rtpFrom(long ssrc, InetSocketAddress from) {
    if (remote != null && remote.rtp() != null) {
      rtpLatch.packet(ssrc, from);
    }
  }

  /** A valid RTCP packet came from the far end. */
  void rtcpFrom(long ssrc, InetSocketAddress from) {
    if (remote != null && remote.rtp() != null) {
      rtcpLatch.packet(ssrc, from);
    }
  }

  /** Whether audio sent now would reach the far end. */
  boolean sending() {
    RemoteMedia m = remote;
    return m != null && m.sends() && rtpLatch.target() != null;
  }

  /** Sends {@code n} samples of prompt audio from {@code source}. */
  void play(Object source, short[] pcm, int n) {
    RemoteMedia m = remote;
    if (m == null || !sending() || n > Frame.MAX_PAYLOAD) {
      return;
    }
    Frame frame = FRAMES.get();
    g711.encode(m.codec(), pcm, n, frame.bytes, RtpPacket.HEADER);
    sender.audio(source, -1, false, m.payloadType(), frame.bytes, n, n);
    send(rtp, frame, RtpPacket.HEADER + n, rtpLatch.target());
  }

  /** Relays an audio packet of the bridged leg, transcoded when the codecs differ. */
  void relay(RtpPacket packet, Codec from) {
    RemoteMedia m = remote;
    int n = packet.payloadLength();
    if (m == null || !sending() || n > Frame.MAX_PAYLOAD) {
      return;
    }
    Frame frame = FRAMES.get();
    if (m.codec() == from) {
      System.arraycopy(packet.data(), packet.payloadOffset(), frame.bytes, RtpPacket.HEADER, n);
    } else {
      g711.transcode(
          from, m.codec(), packet.data(), packet.payloadOffset(), n, frame.bytes, RtpPacket.HEADER);
    }
    sender.audio(
        packet.ssrc(), packet.timestamp(), packet.marker(), m.payloadType(), frame.bytes, n, n);
    send(rtp, frame, RtpPacket.HEADER + n, rtpLatch.target());
  }

  /** Relays a telephone-event packet, when the far end negotiated telephone events. */
  void relayEvent(RtpPacket packet) {
    RemoteMedia m = remote;
    if (m == null || !m.telephoneEvents() || !sending()) {
      return;
    }
    send(
        rtp,
        sender.event(packet.timestamp(), m.eventPayloadType(), packet.payload()),
        rtpLatch.target());
  }

  /** Sends an RTCP compound packet to the far end's RTCP address. */
  void rtcp(byte[] packet) {
    InetSocketAddress to = rtcpLatch.target();
    if (remote != null && to != null) {
      send(rtcp, packet, to);
    }
  }

  RtpSender sender() {
    return sender;
  }

  long dropped() {
    return dropped.get();
  }

  private void send(DatagramChannel channel, Frame frame, int length, InetSocketAddress to) {
    if (to == null) {
      return;
    }
    frame.buffer.clear().limit(length);
    try {
      if (channel.send(frame.buffer, to) == 0) {
        dropped.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      dropped.incrementAndGet();
    }
  }

  private void send(DatagramChannel channel, byte[] packet, InetSocketAddress to) {
    if (to == null) {
      return;
    }
    try {
      if (channel.send(ByteBuffer.wrap(packet), to) == 0) {
        dropped.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      dropped.incrementAndGet();
    }
  }
}
