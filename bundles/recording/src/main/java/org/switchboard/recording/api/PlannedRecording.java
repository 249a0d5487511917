package org.switchboard.recording.api;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A recording about to start.
 *
 * @param id the recording's id (a UUID)
 * @param interactionId the interaction whose call is recorded
 * @param agentId the agent on the call, null when none
 * @param queue the queue the call came through, null when none
 * @param file where the media engine writes the audio
 * @param plannedAt when it was planned
 */
public record PlannedRecording(
    String id, String interactionId, String agentId, String queue, Path file, Instant plannedAt) {}
