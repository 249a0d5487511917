package org.switchboard.media.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RTCP (RFC 3550 §6): builds our compound report, a sender report (or an empty receiver report
 * while we have sent nothing) followed by SDES with our CNAME, and checks incoming RTCP. Stateless.
 */
final class RtcpReport {
  static final int SR = 200;
  static final int RR = 201;
  static final int SDES = 202;
  private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

  private RtcpReport() {}

  /** Our report for now. */
  static byte[] build(RtpSender sender, String cname) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    long packets = sender.packets();
    if (packets > 0) {
      long millis = System.currentTimeMillis();
      header(out, 0, SR, 6);
      u32(out, sender.ssrc());
      u32(out, millis / 1000 + NTP_EPOCH_OFFSET);
      u32(out, ((millis % 1000) << 32) / 1000);
      u32(out, sender.timestampNow());
      u32(out, packets);
      u32(out, sender.octets());
    } else {
      header(out, 0, RR, 1);
      u32(out, sender.ssrc());
    }
    sdes(out, sender.ssrc(), cname);
    return out.toByteArray();
  }

  /** The sender SSRC of an incoming RTCP packet, or -1 when it is not RTCP. */
  static long senderOf(byte[] data, int length) {
    if (length < 8 || (data[0] & 0xc0) != 0x80) {
      return -1;
    }
    int type = data[1] & 0xff;
    return type >= SR && type <= 207 ? RtpPacket.u32(data, 4) : -1;
  }

  private static void sdes(ByteArrayOutputStream out, long ssrc, String cname) {
    byte[] text = cname.getBytes(StandardCharsets.US_ASCII);
    int length = Math.min(text.length, 255);
    int chunk = 4 + 2 + length + 1;
    int padded = (chunk + 3) / 4 * 4;
    header(out, 1, SDES, padded / 4);
    u32(out, ssrc);
    out.write(1);
    out.write(length);
    out.write(text, 0, length);
    for (int i = 4 + 2 + length; i < padded; i++) {
      out.write(0);
    }
  }

  private static void header(ByteArrayOutputStream out, int count, int type, int words) {
    out.write(0x80 | count);
    out.write(type);
    out.write(words >> 8);
    out.write(words);
  }

  private static void u32(ByteArrayOutputStream out, long value) {
    out.write((int) (value >> 24));
    out.write((int) (value >> 16));
    out.write((int) (value >> 8));
    out.write((int) value);
  }
}
