package org.switchboard.recording.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored recording's metadata.
 *
 * @param id the recording's id
 * @param interactionId the interaction whose call it is
 * @param agentId the agent on the call, null when none
 * @param queue the queue the call came through, null when none
 * @param state {@code STORED}, or {@code DELETED} once retention removed the file
 * @param startedAt when recording started
 * @param endedAt when it stopped
 * @param duration the audio's length
 * @param paused how much of it was paused (silence)
 * @param bytes the file's size
 * @param sha256 the file's SHA-256 when it was stored (lower-case hex)
 * @param deleteAfter when retention deletes it
 */
public record RecordingInfo(
    String id,
    String interactionId,
    String agentId,
    String queue,
    String state,
    Instant startedAt,
    Instant endedAt,
    Duration duration,
    Duration paused,
    long bytes,
    String sha256,
    Instant deleteAfter) {}
