package org.switchboard.recording.api;

import java.time.Instant;

/**
 * One opening of a recording, from the access log.
 *
 * @param recordingId the recording
 * @param user who opened it
 * @param at when
 * @param action what was done: {@code open} (play or download) or {@code delete}
 * @param purpose why, as the user gave it (e.g. {@code quality review})
 */
public record RecordingAccess(
    String recordingId, String user, Instant at, String action, String purpose) {}
