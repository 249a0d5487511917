package org.switchboard.media.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A recording's raw audio on its way to disk, in chunks of {@value #FRAMES_PER_WRITE} frames (0.64
 * s at 20 ms). Recordings that start together would otherwise fill their buffers on the same tick
 * and all write at once: with hundreds of calls a burst of megabytes on the clock thread every few
 * seconds, which delays the packets relayed meanwhile. Each writer's first chunk is shortened by
 * its phase (given round-robin by the engine), so the writes spread evenly over the ticks. Not
 * thread-safe: its recorder serialises the calls.
 */
final class StaggeredWriter implements AutoCloseable {
  static final int FRAMES_PER_WRITE = 32;

  private final OutputStream out;
  private final byte[] chunk;
  private int filled;
  private int flushAt;

  /**
   * @param frameBytes bytes of one frame
   * @param phase 0 to {@value #FRAMES_PER_WRITE} - 1: how many frames the first chunk is shorter
   */
  StaggeredWriter(Path file, int frameBytes, int phase) throws IOException {
    this.out = Files.newOutputStream(file);
    this.chunk = new byte[frameBytes * FRAMES_PER_WRITE];
    int first = FRAMES_PER_WRITE - Math.floorMod(phase, FRAMES_PER_WRITE);
    this.flushAt = first * frameBytes;
  }

  /** Adds one frame; writes the chunk when it is full. */
  void write(byte[] frame) throws IOException {
    System.arraycopy(frame, 0, chunk, filled, frame.length);
    filled += frame.length;
    if (filled >= flushAt) {
      flush();
      flushAt = chunk.length;
    }
  }

  private void flush() throws IOException {
    if (filled > 0) {
      out.write(chunk, 0, filled);
      filled = 0;
    }
  }

  /** Writes what is buffered and closes the file. */
  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      out.close();
    }
  }
}
