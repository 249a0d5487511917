package org.switchboard.media.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;

/**
 * A call being recorded: on each media-clock tick one frame of each leg's tap (silence while
 * paused) goes, interleaved left/right as 16-bit 8 kHz stereo, to a raw file next to the target;
 * {@link #stop} turns it into the WAV file and hashes it. Nothing is held in memory but one write
 * chunk. Thread-safe: ticks come from the clock thread, the rest from anyone.
 */
final class Recorder implements Recording {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  static final AudioFormat STEREO = new AudioFormat(8000f, 16, 2, true, false);

  private final Path target;
  private final Path raw;
  private final RecordingTap left;
  private final RecordingTap right;
  private final Runnable detach;
  private final Instant startedAt = Instant.now();
  private final short[] leftFrame;
  private final short[] rightFrame;
  private final byte[] bytes;
  private StaggeredWriter out;
  private long frames;
  private long pausedFrames;
  private volatile boolean paused;
  private final Object finishing = new Object();
  private MediaException failure;
  private RecordedFile result;
  private MediaException completed;

  /**
   * @param writePhase spreads this recording's disk writes against the others' ({@link
   *     StaggeredWriter})
   * @param detach removes the taps from the sessions and this recorder from the clock
   */
  Recorder(
      Path target,
      RecordingTap left,
      RecordingTap right,
      int frameSamples,
      int writePhase,
      Runnable detach)
      throws MediaException {
    this.target = target;
    this.left = left;
    this.right = right;
    this.detach = detach;
    this.leftFrame = new short[frameSamples];
    this.rightFrame = new short[frameSamples];
    this.bytes = new byte[frameSamples * 4];
    try {
      Path dir = target.toAbsolutePath().getParent();
      this.raw = Files.createTempFile(dir, "." + target.getFileName() + "-", ".raw");
      this.out = new StaggeredWriter(raw, bytes.length, writePhase);
    } catch (IOException | RuntimeException e) {
      throw new MediaException("cannot create the recording " + target + ": " + e, e);
    }
  }

  /** Writes one frame of each leg (clock thread). */
  synchronized void tick() {
    if (out == null) {
      return;
    }
    left.take(leftFrame, leftFrame.length);
    right.take(rightFrame, rightFrame.length);
    if (paused) {
      java.util.Arrays.fill(leftFrame, (short) 0);
      java.util.Arrays.fill(rightFrame, (short) 0);
      pausedFrames += leftFrame.length;
    }
    interleave();
    try {
      out.write(bytes);
      frames += leftFrame.length;
    } catch (IOException e) {
      failure = new MediaException("cannot write the recording " + raw + ": " + e, e);
      LOG.warn("recording {} failed: {}", target, e.toString());
      closeRaw();
    }
  }

  @Override
  public void pause() {
    paused = true;
    left.clear();
    right.clear();
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public boolean paused() {
    return paused;
  }

  @Override
  public RecordedFile stop() throws MediaException {
    synchronized (finishing) {
      if (result != null) {
        return result;
      }
      if (completed != null) {
        throw completed;
      }
      long written;
      long pausedWritten;
      synchronized (this) {
        detach.run();
        closeRaw();
        written = frames;
        pausedWritten = pausedFrames;
      }
      try {
        result = finish(written, pausedWritten);
        return result;
      } catch (MediaException e) {
        completed = e;
        throw e;
      }
    }
  }

  /** Stops when a recorded session closes; the file is completed all the same. */
  void stopQuietly() {
    try {
      stop();
    } catch (MediaException e) {
      LOG.warn("recording {} could not be completed: {}", target, e.getMessage());
    }
  }

  private RecordedFile finish(long written, long pausedWritten) throws MediaException {
    try {
      if (failure != null) {
        throw failure;
      }
      writeWav(written);
      RecordedFile done =
          new RecordedFile(
              target,
              startedAt,
              Duration.ofMillis(written / 8),
              Duration.ofMillis(pausedWritten / 8),
              Files.size(target),
              sha256(target));
      LOG.info("recorded {} ({} s)", target, done.duration().toSeconds());
      return done;
    } catch (IOException | RuntimeException e) {
      throw new MediaException("cannot complete the recording " + target + ": " + e, e);
    } finally {
      deleteRaw();
    }
  }

  private void writeWav(long written) throws IOException {
    try (InputStream in = Files.newInputStream(raw);
        AudioInputStream audio = new AudioInputStream(in, STEREO, written)) {
      SoundProviders.call(
          () -> {
            try {
              return AudioSystem.write(audio, AudioFileFormat.Type.WAVE, target.toFile());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static String sha256(Path file) throws IOException {
    return RecordedFile.sha256(file);
  }

  private void interleave() {
    for (int i = 0, b = 0; i < leftFrame.length; i++) {
      bytes[b++] = (byte) leftFrame[i];
      bytes[b++] = (byte) (leftFrame[i] >> 8);
      bytes[b++] = (byte) rightFrame[i];
      bytes[b++] = (byte) (rightFrame[i] >> 8);
    }
  }

  private void closeRaw() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      failure = failure != null ? failure : new MediaException("cannot write " + raw + ": " + e, e);
    }
    out = null;
  }

  private void deleteRaw() {
    try {
      Files.deleteIfExists(raw);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", raw, e.toString());
    }
  }
}
