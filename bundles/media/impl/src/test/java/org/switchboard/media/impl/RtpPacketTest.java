package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
  @Test
  void readsWhatItWrites() {
    byte[] bytes = RtpPacket.build(true, 8, 65535, 0xfffffff0L, 0xdeadbeefL, new byte[] {1, 2, 3});
    RtpPacket p = RtpPacket.parse(bytes, bytes.length);
    assertThat(p).isNotNull();
    assertThat(p.marker()).isTrue();
    assertThat(p.payloadType()).isEqualTo(8);
    assertThat(p.sequence()).isEqualTo(65535);
    assertThat(p.timestamp()).isEqualTo(0xfffffff0L);
    assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
    assertThat(p.payload()).containsExactly(1, 2, 3);
  }

  @Test
  void skipsCsrcsAndTheHeaderExtensionAndPadding() {
    byte[] b = new byte[12 + 8 + 8 + 4 + 4];
    b[0] = (byte) (0x80 | 0x20 | 0x10 | 2); // V=2, padding, extension, 2 CSRCs
    b[1] = 0;
    b[12 + 8 + 3] = 1; // extension of one 32-bit word
    b[12 + 8 + 8] = 42; // payload
    b[b.length - 1] = 4; // 4 bytes of padding
    RtpPacket p = RtpPacket.parse(b, b.length);
    assertThat(p).isNotNull();
    assertThat(p.payloadLength()).isEqualTo(4);
    assertThat(p.data()[p.payloadOffset()]).isEqualTo((byte) 42);
  }

  @Test
  void rejectsMalformedPackets() {
    assertThat(RtpPacket.parse(new byte[11], 11)).isNull();
    byte[] v1 = RtpPacket.build(false, 0, 1, 1, 1, new byte[160]);
    v1[0] = 0x40;
    assertThat(RtpPacket.parse(v1, v1.length)).isNull();
    byte[] csrcOverrun = RtpPacket.build(false, 0, 1, 1, 1, new byte[4]);
    csrcOverrun[0] = (byte) 0x8f;
    assertThat(RtpPacket.parse(csrcOverrun, csrcOverrun.length)).isNull();
    byte[] padOverrun = RtpPacket.build(false, 0, 1, 1, 1, new byte[4]);
    padOverrun[0] = (byte) 0xa0;
    padOverrun[padOverrun.length - 1] = (byte) 200;
    assertThat(RtpPacket.parse(padOverrun, padOverrun.length)).isNull();
    byte[] rtcp = RtpPacket.build(false, 0, 1, 1, 1, new byte[20]);
    rtcp[1] = (byte) 200;
    assertThat(RtpPacket.parse(rtcp, rtcp.length)).isNull();
  }

  @Test
  void neverThrowsOnRandomBytes() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(64)];
      random.nextBytes(b);
      RtpPacket.parse(b, b.length);
    }
  }

  @Test
  void lossCounterCountsSequenceGapsAcrossTheWrap() {
    LossCounter loss = new LossCounter();
    for (int seq : new int[] {65533, 65534, 0, 1, 4, 5, 3}) {
      loss.packet(7, seq);
    }
    assertThat(loss.lost()).isEqualTo(2); // 65535 and 2 never came; 3 came late
  }

  @Test
  void rtcpReportIsASenderReportWithCname() {
    RtpSender sender = new RtpSender();
    sender.audio("x", -1, false, 0, new byte[172], 160, 160);
    byte[] report = RtcpReport.build(sender, "switchboard-1@127.0.0.1");
    assertThat(report[1] & 0xff).isEqualTo(RtcpReport.SR);
    int srLength = 4 * (RtpPacket.u16(report, 2) + 1);
    assertThat(srLength).isEqualTo(28);
    assertThat(report[srLength + 1] & 0xff).isEqualTo(RtcpReport.SDES);
    assertThat(report.length % 4).isZero();
    assertThat(RtpPacket.u32(report, 20)).isEqualTo(1); // packet count
    assertThat(RtcpReport.senderOf(report, report.length)).isEqualTo(sender.ssrc());
    assertThat(4 * (RtpPacket.u16(report, srLength + 2) + 1)).isEqualTo(report.length - srLength);
  }

  /** The next packet of {@code sender}: 160 bytes of payload. */
  private static byte[] frame(
      RtpSender sender, Object source, long sourceTs, boolean marker, int payloadType) {
    byte[] frame = new byte[RtpPacket.HEADER + 160];
    sender.audio(source, sourceTs, marker, payloadType, frame, 160, 160);
    return frame;
  }

  @Test
  void senderKeepsSequenceAndTimestampContinuousAcrossSources() {
    RtpSender sender = new RtpSender();
    RtpPacket a = parse(frame(sender, "prompt", -1, false, 0));
    RtpPacket b = parse(frame(sender, "prompt", -1, false, 0));
    RtpPacket c = parse(frame(sender, 99L, 1000, false, 0));
    RtpPacket d = parse(frame(sender, 99L, 1160, false, 0));
    assertThat(a.marker()).isTrue();
    assertThat(b.marker()).isFalse();
    assertThat(c.marker()).isTrue();
    assertThat(d.marker()).isFalse();
    assertThat(b.sequence()).isEqualTo((a.sequence() + 1) & 0xffff);
    assertThat(d.sequence()).isEqualTo((a.sequence() + 3) & 0xffff);
    assertThat((b.timestamp() - a.timestamp()) & 0xffffffffL).isEqualTo(160);
    assertThat((c.timestamp() - b.timestamp()) & 0xffffffffL).isGreaterThanOrEqualTo(160);
    assertThat((d.timestamp() - c.timestamp()) & 0xffffffffL).isEqualTo(160);
    assertThat(a.ssrc()).isEqualTo(d.ssrc());
  }

  private static RtpPacket parse(byte[] b) {
    return RtpPacket.parse(b, b.length);
  }
}
