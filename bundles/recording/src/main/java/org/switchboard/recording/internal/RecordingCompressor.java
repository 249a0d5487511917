package org.switchboard.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished WAV recording into FLAC or Ogg Vorbis with sox (installed on the appliance),
 * into a temporary file renamed into place only when sox succeeded; the WAV is deleted afterwards.
 * When sox is missing, fails or takes too long, the WAV stays as it is: a recording is never lost
 * to its compression.
 */
final class RecordingCompressor {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingCompressor.class);
  private static final long TIMEOUT_SECONDS = 120;

  private final String sox;

  RecordingCompressor(String sox) {
    this.sox = sox;
  }

  /** The compressed file next to {@code wav}, or empty (the WAV kept) when it could not be made. */
  Optional<Path> compress(Path wav, RecordingFormat format) {
    if (format == RecordingFormat.WAV) {
      return Optional.empty();
    }
    String name = wav.getFileName().toString().replaceFirst("\\.wav$", "");
    Path target = wav.resolveSibling(name + "." + format.extension());
    Path partial = wav.resolveSibling("." + name + ".partial." + format.extension());
    try {
      Process p =
          new ProcessBuilder(sox, "-q", wav.toString(), partial.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("sox took longer than " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
        throw new IOException("sox exited with " + p.exitValue());
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(wav);
      return Optional.of(target);
    } catch (IOException e) {
      LOG.warn("Recording {} stays WAV: {} failed: {}", wav, format, e.getMessage());
      deleteQuietly(partial);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(partial);
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", file, e.toString());
    }
  }
}
