package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentCheckTest {
  private static boolean check(String type, byte[] b) {
    return ContentCheck.matches(type, b, b.length);
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void filesMatchingTheirTypePass() {
    assertThat(check("image/png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0))).isTrue();
    assertThat(check("image/jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0))).isTrue();
    assertThat(check("application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(check("text/plain", "Bestellung 1001 – 订单".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
  }

  @Test
  void disguisedOrBrokenFilesAreRefused() {
    byte[] script = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    assertThat(check("image/png", script)).isFalse();
    assertThat(check("application/pdf", script)).isFalse();
    assertThat(check("text/plain", bytes('a', 0, 'b'))).isFalse();
    assertThat(check("text/plain", bytes(0xC3, 0x28))).as("invalid UTF-8").isFalse();
    assertThat(check("text/plain", new byte[0])).isFalse();
    assertThat(check("image/png", bytes(0x89, 'P'))).isFalse();
    assertThat(check("application/x-msdownload", bytes('M', 'Z'))).isFalse();
  }

  @Test
  void aCharacterCutAtTheEndOfThePrefixIsStillText() {
    byte[] cut = bytes('o', 'k', 0xE8, 0xAE);
    assertThat(check("text/plain", cut)).isTrue();
  }
}
