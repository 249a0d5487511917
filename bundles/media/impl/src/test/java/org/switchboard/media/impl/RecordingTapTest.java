package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingTapTest {

  @Test
  void startsOnceTwoFramesAreBufferedAndKeepsTheOrderAcrossTheRingsEnd() {
    RecordingTap tap = new RecordingTap();
    short[] out = new short[160];
    short next = 1;
    short expected = 1;
    tap.offer(frame(next, 160), 160);
    next += 160;
    tap.take(out, 160);
    assertThat(out).containsOnly((short) 0); // one frame is not enough to start
    for (int round = 0; round < 300; round++) { // 48,000 samples: three times round the ring
      tap.offer(frame(next, 160), 160);
      next += 160;
      tap.take(out, 160);
      for (short sample : out) {
        assertThat(sample).isEqualTo(expected++);
      }
    }
    assertThat(tap.dropped()).isZero();
  }

  @Test
  void aBacklogOfMoreThanTwoSecondsDropsTheOldestSamples() {
    RecordingTap tap = new RecordingTap();
    tap.offer(frame((short) 1, 10_000), 10_000);
    tap.offer(frame((short) 10_001, 10_000), 10_000);
    assertThat(tap.dropped()).isEqualTo(4_000);
    short[] out = new short[160];
    tap.take(out, 160);
    assertThat(out[0]).isEqualTo((short) 4_001);
    assertThat(out[159]).isEqualTo((short) 4_160);
  }

  @Test
  void anUnderrunIsPaddedWithSilenceAndWaitsForTwoFramesAgain() {
    RecordingTap tap = new RecordingTap();
    tap.offer(frame((short) 1, 400), 400);
    short[] out = new short[160];
    tap.take(out, 160);
    tap.take(out, 160);
    tap.take(out, 160); // 80 left: the rest silence
    assertThat(out[79]).isEqualTo((short) 400);
    assertThat(out[80]).isZero();
    tap.offer(frame((short) 500, 160), 160);
    tap.take(out, 160);
    assertThat(out).containsOnly((short) 0);
  }

  private static short[] frame(short first, int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (first + i);
    }
    return s;
  }
}
