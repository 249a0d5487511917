package org.switchboard.recording.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.switchboard.core.api.NotFoundException;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;

/** The recordings of calls: policy, metadata, files, retention and audited access. */
@ProviderType
public interface RecordingCatalog {

  /**
   * Whether a call connected in {@code queue} to {@code agentId} is recorded: the configured queues
   * and agents, unless the interaction's attribute {@code recording} says {@code off} (a flow may
   * set it; {@code on} records whatever the policy says).
   */
  boolean shouldRecord(String queue, String agentId, Map<String, String> attributes);

  /** A new recording's id and file (its directory exists); nothing is stored yet. */
  PlannedRecording plan(String interactionId, String agentId, String queue);

  /** The recording runs in the media engine: it can now be paused and resumed by interaction. */
  void started(PlannedRecording planned, Recording live);

  /**
   * The recording is complete: its metadata is stored with the file's size and hash and the date
   * after which retention deletes it.
   */
  RecordingInfo stored(PlannedRecording planned, RecordedFile file);

  /** The recording could not be made or completed; what there is of the file is removed. */
  void failed(PlannedRecording planned, String reason);

  /**
   * Pauses (true) or resumes (false) every running recording of the interaction, e.g. while the
   * customer gives a card number.
   *
   * @return how many recordings changed
   * @throws NotFoundException when no recording of the interaction runs
   */
  int pause(String interactionId, boolean pause);

  /** Whether a recording of the interaction runs and is paused now. */
  Optional<Boolean> paused(String interactionId);

  Optional<RecordingInfo> find(String id);

  /** Stored recordings matching the query, newest first. */
  List<RecordingInfo> search(RecordingQuery query);

  /**
   * The audio file of a stored recording, for playing or downloading; the access is logged with the
   * user and purpose before the path is returned.
   *
   * @throws NotFoundException when there is no such recording or its file is gone (retention)
   */
  Path open(String id, String user, String purpose);

  /** Who opened a recording, oldest first. */
  List<RecordingAccess> accesses(String id);
}
