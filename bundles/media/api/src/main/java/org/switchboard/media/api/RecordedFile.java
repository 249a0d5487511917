package org.switchboard.media.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A finished recording.
 *
 * @param file the audio file
 * @param startedAt when recording started
 * @param duration the audio's length (paused stretches included, as silence)
 * @param paused how much of it was paused
 * @param bytes the file's size
 * @param sha256 the file's SHA-256, lower-case hex, so tampering can be detected later
 */
public record RecordedFile(
    Path file, Instant startedAt, Duration duration, Duration paused, long bytes, String sha256) {

  /**
   * The SHA-256 of a file as {@link #sha256} states it (lower-case hex), e.g. to check a stored
   * recording or to hash one converted to another format.
   *
   * @since 1.1
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
