package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession;

/** A tiny range: 127.0.0.1 ports 41300-41305, three pairs. */
class PortRangeTest {
  @Test
  void runsOutOfPortsAndGetsThemBackOnClose() throws Exception {
    try (MediaEngine engine =
        new MediaEngine(EngineSettings.loopback(41300, 41303, Path.of("none")))) {
      MediaSession first = engine.open("1");
      MediaSession second = engine.open("2");
      assertThatThrownBy(() -> engine.open("3"))
          .as("a full range is a busy engine, not a bad offer")
          .isInstanceOf(org.switchboard.media.api.MediaBusyException.class)
          .hasMessageContaining("no free RTP port pair in 41300-41303");
      int port = ((MediaSessionImpl) first).port();
      first.close();
      MediaSession again = engine.open("3");
      assertThat(((MediaSessionImpl) again).port()).isEqualTo(port);
      assertThat(engine.openSessions()).isEqualTo(2);
      assertThat(engine.check().metrics()).containsEntry("portPairsFree", 0);
      second.close();
      again.close();
    }
  }

  @Test
  void skipsPortsOtherProgramsHold() throws Exception {
    try (DatagramChannel squatter =
            DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 41305));
        MediaEngine engine =
            new MediaEngine(EngineSettings.loopback(41304, 41307, Path.of("none")))) {
      MediaSessionImpl session = (MediaSessionImpl) engine.open("1");
      assertThat(session.port()).isEqualTo(41306);
      assertThatThrownBy(() -> engine.open("2")).isInstanceOf(MediaException.class);
    }
  }

  @Test
  void limitsSessionsAndRefusesWhenStopped() throws Exception {
    EngineSettings one =
        new EngineSettings(
            java.net.InetAddress.getLoopbackAddress(),
            "",
            41308,
            41315,
            Path.of("none"),
            1,
            20,
            true,
            1);
    MediaEngine engine = new MediaEngine(one);
    MediaSession session = engine.open("1");
    assertThatThrownBy(() -> engine.open("2")).hasMessageContaining("maxSessions");
    engine.close();
    assertThat(engine.openSessions()).isZero();
    assertThat(((MediaSessionImpl) session).closed()).isTrue();
    assertThatThrownBy(() -> engine.open("3")).hasMessageContaining("stopping");
  }
}
