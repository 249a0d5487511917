package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceGuardTest {
  private SourceGuard guard() {
    return new SourceGuard(
        Clock.systemUTC(), 0.001, 5, 3, Duration.ofMinutes(5), Duration.ofMinutes(15), 100);
  }

  @Test
  void aBurstAboveTheRateIsDropped() {
    SourceGuard g = guard();
    for (int i = 0; i < 5; i++) {
      assertThat(g.admit("10.0.0.1", "phone")).isEqualTo(SourceGuard.Decision.PASS);
    }
    assertThat(g.admit("10.0.0.1", "phone")).isEqualTo(SourceGuard.Decision.DROP);
    assertThat(g.admit("10.0.0.2", "phone")).isEqualTo(SourceGuard.Decision.PASS);
    assertThat(g.dropped()).isEqualTo(1);
  }

  @Test
  void scannersAreBlockedAtOnce() {
    SourceGuard g = guard();
    assertThat(g.admit("10.0.0.3", "friendly-scanner")).isEqualTo(SourceGuard.Decision.DROP);
    assertThat(g.admit("10.0.0.3", "Yealink SIP-T46")).isEqualTo(SourceGuard.Decision.DROP);
    assertThat(g.blockedScanners()).isEqualTo(1);
  }

  @Test
  void failedLoginsLockUserAndSource() {
    SourceGuard g = guard();
    for (int i = 0; i < 3; i++) {
      g.failed("10.0.0.4", "ann");
    }
    assertThat(g.userLocked("ann")).isTrue();
    assertThat(g.admit("10.0.0.4", "phone")).isEqualTo(SourceGuard.Decision.LOCKED);
    assertThat(g.userLocked("bob")).isFalse();
  }

  @Test
  void trackedSourcesAreBounded() {
    SourceGuard g = guard();
    for (int i = 0; i < 10_000; i++) {
      g.admit("10.1." + (i / 256) + "." + (i % 256), null);
    }
    assertThat(g.admit("10.9.9.9", null)).isEqualTo(SourceGuard.Decision.PASS);
  }
}
