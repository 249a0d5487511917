package org.switchboard.media.impl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A far end made of a plain DatagramChannel on 127.0.0.1: sends and receives RTP by hand. */
final class TestPeer implements AutoCloseable {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  final DatagramChannel channel;
  final long ssrc = 0x1234_5678L + System.nanoTime() % 1000;
  private int sequence = 100;
  private long timestamp = 5000;

  TestPeer() throws IOException {
    channel = DatagramChannel.open();
    channel.bind(new InetSocketAddress(LOOPBACK, 0));
  }

  int port() {
    return ((InetSocketAddress) channel.socket().getLocalSocketAddress()).getPort();
  }

  /** An SDP offer or answer from this peer: its port, the formats and extra a= lines. */
  String sdp(String formats, String... attributes) {
    return sdp(port(), "127.0.0.1", formats, attributes);
  }

  static String sdp(int port, String address, String formats, String... attributes) {
    StringBuilder b =
        new StringBuilder("v=0\r\no=peer 42 1 IN IP4 127.0.0.1\r\ns=peer\r\n")
            .append("c=IN IP4 ")
            .append(address)
            .append("\r\nt=0 0\r\nm=audio ")
            .append(port)
            .append(" RTP/AVP ")
            .append(formats)
            .append("\r\n");
    for (String a : attributes) {
      b.append("a=").append(a).append("\r\n");
    }
    return b.toString();
  }

  static InetSocketAddress at(MediaSessionImpl session) {
    return new InetSocketAddress(LOOPBACK, session.port());
  }

  void send(InetSocketAddress to, byte[] datagram) throws IOException {
    channel.send(ByteBuffer.wrap(datagram), to);
  }

  /** Sends audio as packets of {@code samples} samples, encoded with {@code law}. */
  void sendAudio(
      InetSocketAddress to,
      G711 g711,
      org.switchboard.media.api.Codec law,
      short[] pcm,
      int samples)
      throws IOException {
    for (int at = 0; at + samples <= pcm.length; at += samples) {
      short[] frame = Arrays.copyOfRange(pcm, at, at + samples);
      sendRtp(to, law.payloadType(), at == 0, g711.encode(law, frame, samples), samples);
    }
  }

  void sendRtp(InetSocketAddress to, int payloadType, boolean marker, byte[] payload, int samples)
      throws IOException {
    send(to, RtpPacket.build(marker, payloadType, sequence++ & 0xffff, timestamp, ssrc, payload));
    timestamp += samples;
  }

  /** The next datagram, or null after {@code timeout}. */
  DatagramPacket receive(Duration timeout) throws IOException {
    channel.socket().setSoTimeout((int) Math.max(1, timeout.toMillis()));
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    try {
      channel.socket().receive(packet);
      return packet;
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** RTP packets received until {@code count} arrived or {@code timeout} passed. */
  List<RtpPacket> rtp(int count, Duration timeout) throws IOException {
    List<RtpPacket> packets = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (packets.size() < count && System.nanoTime() < deadline) {
      DatagramPacket d = receive(Duration.ofNanos(deadline - System.nanoTime()));
      if (d == null) {
        break;
      }
      RtpPacket p = RtpPacket.parse(Arrays.copyOf(d.getData(), d.getLength()), d.getLength());
      if (p != null) {
        packets.add(p);
      }
    }
    return packets;
  }

  /** Decodes received packets' payloads back to samples. */
  static short[] decode(G711 g711, org.switchboard.media.api.Codec law, List<RtpPacket> packets) {
    int n = packets.stream().mapToInt(RtpPacket::payloadLength).sum();
    short[] pcm = new short[n];
    int at = 0;
    short[] frame = new short[2048];
    for (RtpPacket p : packets) {
      g711.decode(law, p.data(), p.payloadOffset(), p.payloadLength(), frame);
      System.arraycopy(frame, 0, pcm, at, p.payloadLength());
      at += p.payloadLength();
    }
    return pcm;
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes. */
  static boolean await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
