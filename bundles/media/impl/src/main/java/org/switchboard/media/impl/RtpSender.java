package org.switchboard.media.impl;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * The outgoing RTP stream of one session (RFC 3550): its own random SSRC, sequence numbers that
 * always go up by one, and timestamps that stay continuous when the source changes (a prompt, the
 * bridged leg, silence). The marker bit starts each talkspurt. Thread-safe: the media clock
 * (prompts) and the I/O thread (bridge) both send through it.
 */
final class RtpSender {
  private static final Random RANDOM = new SecureRandom();
  private static final long NANOS_PER_SAMPLE = 125_000;
  private static final long MAX_SOURCE_STEP = 8000;

  private final long ssrc = RANDOM.nextInt() & 0xffffffffL;
  private int sequence = RANDOM.nextInt(0x10000);
  private long timestamp = RANDOM.nextInt() & 0xffffffffL;
  private long lastSentNanos = -1;
  private int lastSamples;
  private Object lastSource;
  private long lastSourceTimestamp = -1;
  private long eventSourceTimestamp = -1;
  private long eventTimestamp;
  private long packets;
  private long octets;

  long ssrc() {
    return ssrc;
  }

  /**
   * The next audio packet: its header is written into the first {@link RtpPacket#HEADER} bytes of
   * {@code frame}, whose payload (of {@code payloadLength} bytes) follows already.
   *
   * @param source who produced the audio (a player, the bridged leg's SSRC); a change starts a
   *     talkspurt
   * @param sourceTimestamp the source packet's RTP timestamp when relayed, -1 otherwise
   * @param sourceMarker the source packet's marker bit
   */
  synchronized void audio(
      Object source,
      long sourceTimestamp,
      boolean sourceMarker,
      int payloadType,
      byte[] frame,
      int payloadLength,
      int samples) {
    long now = System.nanoTime();
    boolean sameSource = lastSentNanos >= 0 && Objects.equals(source, lastSource);
    long step = sourceStep(sameSource, sourceTimestamp);
    boolean talkspurt = !sameSource || (sourceTimestamp < 0 && gap(now)) || sourceMarker;
    if (lastSentNanos >= 0) {
      timestamp = (timestamp + (step > 0 ? step : advance(now))) & 0xffffffffL;
    }
    lastSentNanos = now;
    lastSamples = samples;
    lastSource = source;
    lastSourceTimestamp = sourceTimestamp;
    sequence = (sequence + 1) & 0xffff;
    packets++;
    octets += payloadLength;
    RtpPacket.writeHeader(frame, talkspurt, payloadType, sequence, timestamp, ssrc);
  }

  /**
   * The next telephone-event packet (RFC 4733) relayed from a source event: every packet of one
   * source event (same source timestamp) gets the same timestamp here, where the event started.
   */
  synchronized byte[] event(long sourceEventTimestamp, int payloadType, byte[] payload) {
    boolean start = sourceEventTimestamp != eventSourceTimestamp;
    if (start) {
      eventSourceTimestamp = sourceEventTimestamp;
      long now = System.nanoTime();
      eventTimestamp = lastSentNanos < 0 ? timestamp : (timestamp + advance(now)) & 0xffffffffL;
    }
    return packet(start, payloadType, eventTimestamp, payload);
  }

  /** The RTP timestamp that corresponds to now, for an RTCP sender report. */
  synchronized long timestampNow() {
    return lastSentNanos < 0
        ? timestamp
        : (timestamp + (System.nanoTime() - lastSentNanos) / NANOS_PER_SAMPLE) & 0xffffffffL;
  }

  synchronized long packets() {
    return packets;
  }

  synchronized long octets() {
    return octets;
  }

  private long sourceStep(boolean sameSource, long sourceTimestamp) {
    if (!sameSource || sourceTimestamp < 0 || lastSourceTimestamp < 0) {
      return 0;
    }
    long step = (sourceTimestamp - lastSourceTimestamp) & 0xffffffffL;
    return step > 0 && step <= MAX_SOURCE_STEP ? step : 0;
  }

  /** Samples to advance: one packet when sending continuously, the time elapsed after a gap. */
  private long advance(long now) {
    if (!gap(now)) {
      return lastSamples;
    }
    return Math.max(lastSamples, (now - lastSentNanos) / NANOS_PER_SAMPLE);
  }

  private boolean gap(long now) {
    return lastSentNanos >= 0 && now - lastSentNanos > 2L * lastSamples * NANOS_PER_SAMPLE;
  }

  private byte[] packet(boolean marker, int payloadType, long ts, byte[] payload) {
    sequence = (sequence + 1) & 0xffff;
    packets++;
    octets += payload.length;
    return RtpPacket.build(marker, payloadType, sequence, ts, ssrc, payload);
  }
}
