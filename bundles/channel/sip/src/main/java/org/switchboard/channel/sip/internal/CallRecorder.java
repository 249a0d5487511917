package org.switchboard.channel.sip.internal;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.spi.ChannelContext;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;
import org.switchboard.recording.api.PlannedRecording;
import org.switchboard.recording.api.RecordingCatalog;
import org.switchboard.recording.api.RecordingInfo;

/**
 * Records anchored calls the recording policy selects: from the moment customer and agent are
 * bridged until the agent leaves (hang-up, transfer), customer on the left channel, agent on the
 * right. The finished file goes to the {@link RecordingCatalog}, and the interaction gets the
 * recording's id as attribute {@code recording.<n>} (its timeline shows it). The agent pauses and
 * resumes it from the phone's keypad ({@code recordingPauseKey}, e.g. while the customer reads out
 * a card number), as the desktop does over REST. Finishing a file runs on the call pool, never on
 * the call's executor.
 */
final class CallRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

  private final Supplier<MediaService> media;
  private final Supplier<RecordingCatalog> catalog;
  private final Supplier<ChannelContext> core;
  private final Executor pool;
  private final char pauseKey;

  /**
   * @param pauseKey the agent's key that pauses and resumes the recording (0-9, * or #); empty for
   *     none
   */
  CallRecorder(
      Supplier<MediaService> media,
      Supplier<RecordingCatalog> catalog,
      Supplier<ChannelContext> core,
      Executor pool,
      String pauseKey) {
    String key = pauseKey == null ? "" : pauseKey.strip();
    if (!key.isEmpty() && !key.matches("[0-9*#]")) {
      throw new IllegalArgumentException(
          "recordingPauseKey must be one of 0-9, * or #, or empty, got '" + pauseKey + "'");
    }
    this.media = media;
    this.catalog = catalog;
    this.core = core;
    this.pool = pool;
    this.pauseKey = key.isEmpty() ? 0 : key.charAt(0);
  }

  /** A key the agent pressed during the bridged call: the pause key toggles the recording. */
  void agentKey(Call call, char key) {
    CallMedia m = call.media;
    if (pauseKey == 0 || key != pauseKey || m == null || m.recording == null) {
      return;
    }
    Recording live = m.recording;
    if (live.paused()) {
      live.resume();
    } else {
      live.pause();
    }
    LOG.info(
        "Call {}: the agent {} the recording from the keypad",
        call.customerCallId,
        live.paused() ? "paused" : "resumed");
  }

  /** The call was just bridged: starts recording it when the policy says so. */
  void bridged(Call call) {
    CallMedia m = call.media;
    RecordingCatalog recordings = catalog.get();
    MediaService engine = media.get();
    ChannelContext c = core.get();
    if (m == null || m.recording != null || recordings == null || engine == null || c == null) {
      return;
    }
    String agent = call.bridged == null ? null : call.bridged.agentId;
    Map<String, String> attributes =
        c.find(call.interactionId).map(i -> i.attributes()).orElse(Map.of());
    if (!recordings.shouldRecord(call.queue, agent, attributes)) {
      return;
    }
    PlannedRecording planned = recordings.plan(call.interactionId, agent, call.queue);
    try {
      Recording live = engine.record(m.customer, m.agent, planned.file());
      recordings.started(planned, live);
      m.recording = live;
      m.planned = planned;
    } catch (MediaException | RuntimeException e) {
      recordings.failed(planned, e.getMessage());
    }
  }

  /** The agent left or the call ended: the recording (if any) is finished and catalogued. */
  void finish(Call call) {
    CallMedia m = call.media;
    if (m == null || m.recording == null) {
      return;
    }
    Recording live = m.recording;
    PlannedRecording planned = m.planned;
    int n = ++m.recordings;
    m.recording = null;
    m.planned = null;
    pool.execute(() -> store(live, planned, n));
  }

  private void store(Recording live, PlannedRecording planned, int n) {
    RecordingCatalog recordings = catalog.get();
    try {
      RecordedFile file = live.stop();
      if (recordings == null) {
        LOG.warn("Recording {} is in {} but the catalogue is gone", planned.id(), file.file());
        return;
      }
      RecordingInfo info = recordings.stored(planned, file);
      ChannelContext c = core.get();
      if (c != null) {
        CoreCalls.quietly(
            () -> c.updateAttributes(planned.interactionId(), Map.of("recording." + n, info.id())));
      }
    } catch (MediaException | RuntimeException e) {
      if (recordings != null) {
        recordings.failed(planned, e.getMessage());
      }
    }
  }
}
