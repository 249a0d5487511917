package org.switchboard.media.impl;

/**
 * Receives RFC 4733 telephone events: reports each key press once, on the first packet seen of the
 * event (its RTP timestamp), ignoring the packets that repeat it and the three retransmitted end
 * packets. Only DTMF events 0-15 are digits. Not thread-safe: only the I/O thread feeds it.
 */
final class TelephoneEvents {
  private static final String DIGITS = "0123456789*#ABCD";
  private static final int REMEMBERED = 8;

  private final long[] recent = new long[REMEMBERED];
  private int next;
  private boolean seen;

  TelephoneEvents() {
    java.util.Arrays.fill(recent, -1);
  }

  /** The digit this packet starts, or 0 when it continues or ends a known event or is no DTMF. */
  char digitOf(RtpPacket packet) {
    if (packet.payloadLength() < 4) {
      return 0;
    }
    seen = true;
    int event = packet.data()[packet.payloadOffset()] & 0xff;
    if (event >= DIGITS.length() || known(packet.timestamp())) {
      return 0;
    }
    recent[next] = packet.timestamp();
    next = (next + 1) % REMEMBERED;
    return DIGITS.charAt(event);
  }

  /** Whether the far end has sent telephone events (then in-band detection is not needed). */
  boolean seen() {
    return seen;
  }

  /** The RFC 4733 event code of a digit, or -1. */
  static int eventOf(char digit) {
    return DIGITS.indexOf(Character.toUpperCase(digit));
  }

  private boolean known(long timestamp) {
    for (long t : recent) {
      if (t == timestamp) {
        return true;
      }
    }
    return false;
  }
}
