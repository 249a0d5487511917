package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.media.api.Codec;

class G711Test {
  private static final G711 G711_TABLES = G711.build();

  @Test
  void muLawDecodesTheKnownValues() {
    assertThat(G711_TABLES.decode(Codec.PCMU, (byte) 0xff)).isEqualTo((short) 0);
    assertThat(G711_TABLES.decode(Codec.PCMU, (byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711_TABLES.decode(Codec.PCMU, (byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711_TABLES.decode(Codec.PCMU, (byte) 0xfe)).isEqualTo((short) 8);
  }

  @Test
  void aLawDecodesTheKnownValues() {
    assertThat(G711_TABLES.decode(Codec.PCMA, (byte) 0xd5)).isEqualTo((short) 8);
    assertThat(G711_TABLES.decode(Codec.PCMA, (byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711_TABLES.decode(Codec.PCMA, (byte) 0xaa)).isEqualTo((short) 32256);
    assertThat(G711_TABLES.decode(Codec.PCMA, (byte) 0x2a)).isEqualTo((short) -32256);
  }

  @Test
  void encodesSilenceAndFullScale() {
    assertThat(G711_TABLES.encode(Codec.PCMU, (short) 0)).isEqualTo((byte) 0xff);
    assertThat(G711_TABLES.encode(Codec.PCMU, Short.MAX_VALUE)).isEqualTo((byte) 0x80);
    assertThat(G711_TABLES.encode(Codec.PCMU, Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    assertThat(G711_TABLES.encode(Codec.PCMA, (short) 0)).isEqualTo((byte) 0xd5);
    assertThat(G711_TABLES.encode(Codec.PCMA, Short.MAX_VALUE)).isEqualTo((byte) 0xaa);
    // Where the JDK encoders are wrong: positive full scale in µ-law, -1..-7 in A-law.
    assertThat(G711_TABLES.encode(Codec.PCMU, (short) 32700)).isEqualTo((byte) 0x80);
    assertThat(G711_TABLES.encode(Codec.PCMA, (short) -1)).isEqualTo((byte) 0x55);
  }

  @Test
  void everyCodeSurvivesDecodeAndEncode() {
    for (Codec law : Codec.values()) {
      for (int b = 0; b < 256; b++) {
        if (law == Codec.PCMU && b == 0x7f) {
          continue; // µ-law's negative zero encodes back as positive zero (0xff)
        }
        short linear = G711_TABLES.decode(law, (byte) b);
        assertThat(G711_TABLES.encode(law, linear) & 0xff).as("%s code %02x", law, b).isEqualTo(b);
      }
    }
  }

  @Test
  void linearSamplesComeBackWithinTheQuantisationStep() {
    for (Codec law : Codec.values()) {
      for (int s = -32000; s <= 32000; s += 7) {
        short back = G711_TABLES.decode(law, G711_TABLES.encode(law, (short) s));
        assertThat(Math.abs(back - s))
            .as("%s %d", law, s)
            .isLessThanOrEqualTo(Math.max(16, Math.abs(s) / 15));
      }
    }
  }

  @Test
  void transcodesBetweenTheLaws() {
    byte[] mu = G711_TABLES.encode(Codec.PCMU, Tones.sine(1000, 20, 8000), 160);
    byte[] a = new byte[mu.length + 12];
    G711_TABLES.transcode(Codec.PCMU, Codec.PCMA, mu, 0, mu.length, a, 12);
    a = java.util.Arrays.copyOfRange(a, 12, a.length);
    for (int i = 0; i < mu.length; i++) {
      short viaMu = G711_TABLES.decode(Codec.PCMU, mu[i]);
      short viaA = G711_TABLES.decode(Codec.PCMA, a[i]);
      assertThat(Math.abs(viaMu - viaA)).isLessThanOrEqualTo(Math.max(16, Math.abs(viaMu) / 15));
    }
  }
}
