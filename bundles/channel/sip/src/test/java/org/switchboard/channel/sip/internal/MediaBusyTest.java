package org.switchboard.channel.sip.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.switchboard.media.api.MediaBusyException;
import org.switchboard.media.api.MediaService;
import org.switchboard.media.api.MediaSession;
import org.switchboard.media.api.Monitoring;
import org.switchboard.media.api.Prompt;
import org.switchboard.media.api.Recording;

/**
 * A call the media engine has no room for (sessions or ports at their limit) is turned away as
 * temporarily unavailable, {@code 503} with {@code Retry-After}, not as an unacceptable offer
 * ({@code 488}): a trunk then tries again or routes elsewhere. Nothing reaches the core.
 */
class MediaBusyTest {
  @Test
  void aCallTheMediaEngineHasNoRoomForGets503WithRetryAfterAndOpensNothing() throws Exception {
    FakeCore core = new FakeCore();
    try (TestSip sip = new TestSip(1_000_000, 1_000_000);
        DatagramSocket caller = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      sip.endpoint.initialize(core);
      sip.endpoint.setMedia(new FullMediaEngine());
      caller.setSoTimeout(1000);

      String answer = CallerRequests.finalAnswer(caller, sip.port, "busy-1");

      assertThat(answer)
          .startsWith("SIP/2.0 503")
          .contains("Retry-After: " + CallLegs.RETRY_SECONDS)
          .contains("too many media sessions");
      assertThat(core.interactions).as("no interaction opened").isEmpty();
      assertThat(sip.endpoint.check().metrics()).containsEntry("mediaBusyRefusals", 1L);
    }
  }

  @Test
  void aCallIsTakenOnlyWhileTheEngineHasRoomForItsAgentsSessionToo() {
    MediaAnchor anchor =
        new MediaAnchor(
            FullMediaEngine::new,
            MediaAnchor.QueueMedia.parse("early"),
            "music-on-hold",
            java.util.Map.of(),
            null,
            null);
    Call call = new Call("room-1", null, "+4930123456", java.time.Instant.now());

    // maxSessions 2: one call (its own two sessions) may try the engine ...
    assertThat(
            org.junit.jupiter.api.Assertions.assertThrows(
                MediaBusyException.class, () -> anchor.anchor(call, 1)))
        .hasMessageContaining("too many media sessions");
    // ... a second call is refused before a session is opened: the first's agent needs the other
    assertThat(
            org.junit.jupiter.api.Assertions.assertThrows(
                MediaBusyException.class, () -> anchor.anchor(call, 2)))
        .hasMessageContaining("1 calls in progress need 2 sessions each, maxSessions 2");
  }

  /** A media engine at its limit. */
  private static final class FullMediaEngine implements MediaService {
    @Override
    public MediaSession open(String label) throws MediaBusyException {
      throw new MediaBusyException("too many media sessions (2): raise maxSessions");
    }

    @Override
    public Prompt prompt(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Prompt prompt(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Recording record(MediaSession left, MediaSession right, Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Monitoring monitor(
        MediaSession customer, MediaSession agent, MediaSession supervisor, Monitoring.Mode mode) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int openSessions() {
      return 2;
    }

    @Override
    public int maxSessions() {
      return 2;
    }
  }
}
