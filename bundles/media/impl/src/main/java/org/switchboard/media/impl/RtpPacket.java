package org.switchboard.media.impl;

/**
 * One RTP packet (RFC 3550 §5.1), read from or written to bytes. Parsing never throws: a packet
 * that is not version 2 RTP, whose CSRC list, header extension or padding overrun it, or whose
 * payload type is one of RTCP's (RFC 5761) is rejected as malformed.
 *
 * @param marker the marker bit (start of a talkspurt, first packet of a telephone event)
 * @param payloadType the payload type, 0-127
 * @param sequence the 16-bit sequence number
 * @param timestamp the 32-bit timestamp, unsigned
 * @param ssrc the synchronisation source, unsigned
 * @param data the bytes the packet was read from (not copied)
 * @param payloadOffset where the payload starts in {@code data}
 * @param payloadLength the payload's length (padding excluded)
 */
record RtpPacket(
    boolean marker,
    int payloadType,
    int sequence,
    long timestamp,
    long ssrc,
    byte[] data,
    int payloadOffset,
    int payloadLength) {

  static final int HEADER = 12;

  /** The packet in the first {@code length} bytes of {@code data}, or null when malformed. */
  static RtpPacket parse(byte[] data, int length) {
    if (length < HEADER || (data[0] & 0xc0) != 0x80) {
      return null;
    }
    int payloadType = data[1] & 0x7f;
    if (payloadType >= 72 && payloadType <= 76) {
      return null;
    }
    int offset = HEADER + 4 * (data[0] & 0x0f);
    if ((data[0] & 0x10) != 0) {
      if (offset + 4 > length) {
        return null;
      }
      offset += 4 + 4 * u16(data, offset + 2);
    }
    int padding = (data[0] & 0x20) != 0 ? data[length - 1] & 0xff : 0;
    if (offset > length || ((data[0] & 0x20) != 0 && (padding == 0 || offset + padding > length))) {
      return null;
    }
    return new RtpPacket(
        (data[1] & 0x80) != 0,
        payloadType,
        u16(data, 2),
        u32(data, 4),
        u32(data, 8),
        data,
        offset,
        length - offset - padding);
  }

  /** A packet's bytes: a 12-byte header (no CSRC, no extension) and the payload. */
  static byte[] build(
      boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    byte[] out = new byte[HEADER + payload.length];
    writeHeader(out, marker, payloadType, sequence, timestamp, ssrc);
    System.arraycopy(payload, 0, out, HEADER, payload.length);
    return out;
  }

  /** Writes the 12-byte header (no CSRC, no extension) into the first bytes of {@code out}. */
  static void writeHeader(
      byte[] out, boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
    out[0] = (byte) 0x80;
    out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
    out[2] = (byte) (sequence >> 8);
    out[3] = (byte) sequence;
    putU32(out, 4, timestamp);
    putU32(out, 8, ssrc);
  }

  /** A copy of the payload. */
  byte[] payload() {
    byte[] copy = new byte[payloadLength];
    System.arraycopy(data, payloadOffset, copy, 0, payloadLength);
    return copy;
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  static void putU32(byte[] b, int at, long value) {
    b[at] = (byte) (value >> 24);
    b[at + 1] = (byte) (value >> 16);
    b[at + 2] = (byte) (value >> 8);
    b[at + 3] = (byte) value;
  }
}
