package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaggeredWriterTest {
  private static final int FRAME = 640;
  private static final int N = StaggeredWriter.FRAMES_PER_WRITE;

  @TempDir Path dir;

  /** Writers with every phase write on different ticks: one write per tick among N writers. */
  @Test
  void writersOfDifferentPhasesWriteOnDifferentTicks() throws Exception {
    List<StaggeredWriter> writers = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int phase = 0; phase < N; phase++) {
      Path f = dir.resolve("w" + phase + ".raw");
      files.add(f);
      writers.add(new StaggeredWriter(f, FRAME, phase));
    }
    byte[] frame = new byte[FRAME];
    long[] sizes = new long[N];
    for (int tick = 1; tick <= 3 * N; tick++) {
      Set<Integer> wrote = new HashSet<>();
      for (int w = 0; w < N; w++) {
        frame[0] = (byte) tick;
        writers.get(w).write(frame);
        long size = Files.size(files.get(w));
        if (size != sizes[w]) {
          wrote.add(w);
          sizes[w] = size;
        }
      }
      assertThat(wrote).as("writers that wrote at tick %d", tick).hasSize(1);
    }
    for (StaggeredWriter w : writers) {
      w.close();
    }
    for (Path f : files) {
      byte[] all = Files.readAllBytes(f);
      assertThat(all).hasSize(3 * N * FRAME);
      for (int tick = 1; tick <= 3 * N; tick++) {
        assertThat(all[(tick - 1) * FRAME]).isEqualTo((byte) tick);
      }
    }
  }

  @Test
  void closeWritesAPartialChunk() throws Exception {
    Path f = dir.resolve("short.raw");
    try (StaggeredWriter w = new StaggeredWriter(f, FRAME, 0)) {
      w.write(new byte[FRAME]);
      w.write(new byte[FRAME]);
      assertThat(Files.size(f)).isZero();
    }
    assertThat(Files.size(f)).isEqualTo(2L * FRAME);
  }
}
