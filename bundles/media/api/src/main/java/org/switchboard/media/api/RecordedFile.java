package org.switchboard.media.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A finished recording.
 *
 * @param file the WAV file
 * @param startedAt when recording started
 * @param duration the audio's length (paused stretches included, as silence)
 * @param paused how much of it was paused
 * @param bytes the file's size
 * @param sha256 the file's SHA-256, lower-case hex, so tampering can be detected later
 */
public record RecordedFile(
    Path file, Instant startedAt, Duration duration, Duration paused, long bytes, String sha256) {}
