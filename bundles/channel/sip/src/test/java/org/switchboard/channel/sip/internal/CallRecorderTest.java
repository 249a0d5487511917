package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;

class CallRecorderTest {

  @Test
  void thePauseKeyTogglesTheRecordingAndOtherKeysDoNot() {
    CallRecorder recorder =
        new CallRecorder(() -> null, () -> null, () -> null, Runnable::run, "*");
    Call call = recordedCall();
    recorder.agentKey(call, '5');
    assertThat(call.media.recording.paused()).isFalse();
    recorder.agentKey(call, '*');
    assertThat(call.media.recording.paused()).isTrue();
    recorder.agentKey(call, '*');
    assertThat(call.media.recording.paused()).isFalse();
  }

  @Test
  void noKeyConfiguredMeansTheKeypadLeavesTheRecordingAlone() {
    CallRecorder recorder = new CallRecorder(() -> null, () -> null, () -> null, Runnable::run, "");
    Call call = recordedCall();
    recorder.agentKey(call, '*');
    assertThat(call.media.recording.paused()).isFalse();
    recorder.agentKey(
        new Call("c-2", new SerialExecutor(Runnable::run), "+4930", Instant.now()), '*');
  }

  @Test
  void aPauseKeyMustBeOneKey() {
    assertThatThrownBy(
            () -> new CallRecorder(() -> null, () -> null, () -> null, Runnable::run, "**"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordingPauseKey");
  }

  private static Call recordedCall() {
    Call call = new Call("c-1", new SerialExecutor(Runnable::run), "+4930", Instant.now());
    call.media = new CallMedia(null, null, new byte[0], false);
    call.media.recording = new PausableRecording();
    return call;
  }

  /** A recording that only knows whether it is paused. */
  private static final class PausableRecording implements Recording {
    private boolean paused;

    @Override
    public void pause() {
      paused = true;
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
    public RecordedFile stop() {
      return null;
    }
  }
}
