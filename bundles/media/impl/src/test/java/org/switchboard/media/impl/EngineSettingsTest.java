package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
  private static final InetAddress LO = InetAddress.getLoopbackAddress();

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> settings(10001, 20000, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("portMin must be an even");
    assertThatThrownBy(() -> settings(20000, 10000, 20)).hasMessageContaining("portMax");
    assertThatThrownBy(() -> settings(10000, 70000, 20)).hasMessageContaining("portMax");
    assertThatThrownBy(() -> settings(10000, 20000, 25)).hasMessageContaining("ptimeMillis");
    assertThatThrownBy(() -> new EngineSettings(LO, "", 10000, 20000, Path.of("p"), 0, 20, true, 1))
        .hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> new EngineSettings(LO, "", 10000, 20000, Path.of("p"), 1, 20, true, 0))
        .hasMessageContaining("ioThreads");
  }

  @Test
  void advertisesTheBindAddressUnlessToldOtherwise() {
    assertThat(settings(10000, 20000, 20).advertisedAddress()).isEqualTo("127.0.0.1");
    assertThat(
            new EngineSettings(LO, "203.0.113.5", 10000, 20000, Path.of("p"), 1, 20, true, 1)
                .advertisedAddress())
        .isEqualTo("203.0.113.5");
    assertThat(settings(10000, 10003, 20).portPairs()).isEqualTo(2);
  }

  private static EngineSettings settings(int min, int max, int ptime) {
    return new EngineSettings(LO, "", min, max, Path.of("p"), 10, ptime, true, 1);
  }
}
