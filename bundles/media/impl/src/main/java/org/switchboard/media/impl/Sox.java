package org.switchboard.media.impl;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.switchboard.media.api.MediaException;

/** Converts audio files to 8 kHz 16-bit mono WAV with the sox program, when it is installed. */
final class Sox {
  private static final long TIMEOUT_SECONDS = 30;

  private Sox() {}

  /** Whether a {@code sox} executable is on the PATH. */
  static boolean available() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sox"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A temporary 8 kHz mono 16-bit copy of {@code file}; the caller deletes it.
   *
   * @throws MediaException when sox fails or takes longer than 30 s
   */
  static Path toPhoneAudio(Path file) throws MediaException {
    Path out = null;
    try {
      out = Files.createTempFile("switchboard-prompt-", ".wav");
      Process sox =
          new ProcessBuilder(
                  "sox",
                  file.toString(),
                  "-r",
                  "8000",
                  "-c",
                  "1",
                  "-b",
                  "16",
                  "-e",
                  "signed-integer",
                  out.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!sox.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        sox.destroyForcibly();
        throw new MediaException(
            "sox took longer than " + TIMEOUT_SECONDS + " s to convert " + file);
      }
      if (sox.exitValue() != 0) {
        throw new MediaException(
            "sox could not convert " + file + " (exit " + sox.exitValue() + ")");
      }
      return out;
    } catch (IOException e) {
      deleteQuietly(out);
      throw new MediaException("cannot run sox on " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(out);
      throw new MediaException("interrupted while converting " + file, e);
    } catch (MediaException e) {
      deleteQuietly(out);
      throw e;
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(Sox.class).warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
