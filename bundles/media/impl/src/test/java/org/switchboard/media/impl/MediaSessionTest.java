package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.api.health.Health;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.DtmfListener;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession.Direction;
import org.switchboard.media.api.Prompt;

/** One engine on 127.0.0.1 ports 41000-41199, talking to test peers over real UDP. */
class MediaSessionTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  @TempDir static Path prompts;
  private static MediaEngine engine;
  private static G711 g711;

  @BeforeAll
  static void start() throws Exception {
    PromptLibraryTest.write(
        prompts.resolve("tone-1k.wav"),
        Tones.sine(1000, 400, 8000),
        new AudioFormat(8000, 16, 1, true, false));
    engine = new MediaEngine(EngineSettings.loopback(41000, 41199, prompts));
    g711 = G711.build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void playsAPromptTheFarEndHearsAsA1kHzTone() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0"));
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      Prompt tone = engine.prompt("tone-1k");
      session.play(List.of(tone), false, done::complete);
      List<RtpPacket> packets = peer.rtp(20, WAIT);
      assertThat(done.get(5, TimeUnit.SECONDS)).isFalse();
      assertThat(packets).hasSize(20);
      assertThat(packets).allMatch(p -> p.payloadType() == 0 && p.payloadLength() == 160);
      assertThat(packets.get(0).marker()).isTrue();
      for (int i = 1; i < packets.size(); i++) {
        assertThat(packets.get(i).sequence())
            .isEqualTo((packets.get(i - 1).sequence() + 1) & 0xffff);
        assertThat(packets.get(i).timestamp() - packets.get(i - 1).timestamp()).isEqualTo(160);
      }
      short[] heard = TestPeer.decode(g711, Codec.PCMU, packets);
      assertThat(Tones.dominance(heard, 0, heard.length, 1000, 500, 700, 1200, 2000))
          .isGreaterThan(100);
      assertThat(session.stats().packetsSent()).isEqualTo(20);
    }
  }

  @Test
  void loopsAndIsInterruptedByStopPlaying() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("8"));
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      session.play(List.of(engine.prompt("tone-1k")), true, done::complete);
      assertThat(peer.rtp(30, WAIT)).hasSize(30); // 600 ms: more than the 400 ms prompt
      session.stopPlaying();
      assertThat(done.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void sendsNothingWhenTheFarEndHoldsUs() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0", "sendonly"));
      assertThat(session.remoteDirection()).isEqualTo(Direction.SENDONLY);
      CompletableFuture<Boolean> done = new CompletableFuture<>();
      session.play(List.of(engine.prompt("tone-1k")), false, done::complete);
      assertThat(done.get(5, TimeUnit.SECONDS)).isFalse();
      assertThat(peer.rtp(1, Duration.ofMillis(100))).isEmpty();
      String resume = session.answer(peer.sdp("0", "sendrecv"));
      assertThat(resume).contains("a=sendrecv");
      session.play(List.of(engine.prompt("tone-1k")), false, null);
      assertThat(peer.rtp(5, WAIT)).hasSize(5);
    }
  }

  @Test
  void latchesOntoTheAddressThePeerSendsFrom() throws Exception {
    try (TestPeer signalled = new TestPeer();
        TestPeer actual = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(signalled.sdp("0"));
      session.play(List.of(engine.prompt("tone-1k")), true, null);
      assertThat(signalled.rtp(2, WAIT)).hasSize(2);
      actual.sendRtp(TestPeer.at(session), 0, true, new byte[160], 160);
      assertThat(actual.rtp(3, WAIT)).hasSize(3);
      drain(signalled);
      assertThat(signalled.rtp(1, Duration.ofMillis(100))).isEmpty();
      session.answer(signalled.sdp("0", "recvonly")); // a re-INVITE from the same address
      assertThat(actual.rtp(3, WAIT)).hasSize(3);
      assertThat(signalled.rtp(1, Duration.ofMillis(60))).isEmpty();
    }
  }

  @Test
  void reportsEachTelephoneEventOnce() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0 101", "rtpmap:101 telephone-event/8000", "fmtp:101 0-16"));
      List<Character> digits = new CopyOnWriteArrayList<>();
      session.onDtmf((d, source) -> digits.add(d));
      for (int event : new int[] {1, 11, 1, 15}) {
        sendEvent(peer, session, event);
      }
      assertThat(TestPeer.await(WAIT, () -> digits.size() >= 4)).isTrue();
      sendEvent(peer, session, 0);
      assertThat(TestPeer.await(WAIT, () -> digits.size() >= 5)).isTrue();
      assertThat(digits).containsExactly('1', '#', '1', 'D', '0');
      assertThat(session.stats().dtmfDigits()).isEqualTo(5);
      assertThat(TestPeer.await(WAIT, () -> session.stats().packetsReceived() == 30)).isTrue();
      assertThat(digits).hasSize(5);
    }
  }

  @Test
  void detectsInbandDigits() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("8"));
      List<String> digits = new CopyOnWriteArrayList<>();
      session.onDtmf((d, source) -> digits.add(d + ":" + source));
      short[] audio = new short[0];
      for (char key : "159#".toCharArray()) {
        audio = Tones.concat(audio, InbandDtmfDetectorTest.press(key, 80), new short[8 * 80]);
      }
      peer.sendAudio(TestPeer.at(session), g711, Codec.PCMA, audio, 160);
      assertThat(TestPeer.await(WAIT, () -> digits.size() >= 4)).isTrue();
      assertThat(digits).containsExactly("1:INBAND", "5:INBAND", "9:INBAND", "#:INBAND");
    }
  }

  @Test
  void hearsNoDigitsInMusicOnHold() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0"));
      List<Character> digits = new CopyOnWriteArrayList<>();
      session.onDtmf((d, source) -> digits.add(d));
      short[] music = ((PromptAudio) engine.prompt("music-on-hold")).samples();
      short[] part = java.util.Arrays.copyOf(music, 8000 * 10);
      peer.sendAudio(TestPeer.at(session), g711, Codec.PCMU, part, 160);
      assertThat(TestPeer.await(WAIT, () -> session.stats().packetsReceived() == 500)).isTrue();
      assertThat(digits).isEmpty();
    }
  }

  @Test
  void reportsSignalledDigitsOnAMediaThread() throws Exception {
    try (MediaSessionImpl session = open()) {
      CompletableFuture<String> heard = new CompletableFuture<>();
      session.onDtmf(
          (d, source) -> heard.complete(d + ":" + source + ":" + Thread.currentThread().getName()));
      session.dtmfReceived('7', DtmfListener.Source.SIP_INFO);
      assertThat(heard.get(5, TimeUnit.SECONDS)).isEqualTo("7:SIP_INFO:switchboard-media-clock");
    }
  }

  @Test
  void dropsAndCountsMalformedPacketsAndGoesOn() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0 101", "rtpmap:101 telephone-event/8000"));
      InetSocketAddress to = TestPeer.at(session);
      peer.send(to, new byte[5]);
      byte[] v1 = RtpPacket.build(false, 0, 1, 1, 1, new byte[160]);
      v1[0] = 0x40;
      peer.send(to, v1);
      Random random = new Random(11);
      for (int i = 0; i < 20; i++) {
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        junk[0] = (byte) (junk[0] & 0x3f); // never version 2
        peer.send(to, junk);
      }
      peer.sendRtp(to, 0, true, new byte[160], 160);
      assertThat(TestPeer.await(WAIT, () -> session.stats().packetsReceived() == 1)).isTrue();
      assertThat(session.malformedPackets()).isEqualTo(22);
      List<Character> digits = new CopyOnWriteArrayList<>();
      session.onDtmf((d, s) -> digits.add(d));
      sendEvent(peer, session, 5);
      assertThat(TestPeer.await(WAIT, () -> digits.contains('5'))).isTrue();
      assertThat(engine.check().metrics().get("handlerFailures")).isEqualTo(0L);
    }
  }

  @Test
  void countsRtcpAndLoss() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      session.answer(peer.sdp("0"));
      InetSocketAddress to = TestPeer.at(session);
      for (int seq : new int[] {1, 2, 5, 6}) {
        peer.send(to, RtpPacket.build(false, 0, seq, seq * 160L, 99, new byte[160]));
      }
      byte[] report = RtcpReport.build(new RtpSender(), "peer@127.0.0.1");
      peer.send(new InetSocketAddress(TestPeer.LOOPBACK, session.port() + 1), report);
      assertThat(
              TestPeer.await(
                  WAIT,
                  () -> session.rtcpReceived() == 1 && session.stats().packetsReceived() == 4))
          .isTrue();
      assertThat(session.stats().packetsLost()).isEqualTo(2);
    }
  }

  @Test
  void ignoresEverythingBeforeNegotiation() throws Exception {
    try (TestPeer peer = new TestPeer();
        MediaSessionImpl session = open()) {
      peer.sendRtp(TestPeer.at(session), 0, true, new byte[160], 160);
      assertThat(TestPeer.await(WAIT, () -> session.ignoredPackets() == 1)).isTrue();
      assertThat(session.stats().packetsReceived()).isZero();
      assertThat(session.codec()).isNull();
    }
  }

  @Test
  void refusesToWorkOnAClosedSession() throws Exception {
    MediaSessionImpl session = open();
    int before = engine.openSessions();
    session.close();
    session.close();
    assertThat(engine.openSessions()).isEqualTo(before - 1);
    assertThatThrownBy(() -> session.answer(TestPeer.sdp(4000, "127.0.0.1", "0")))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void reportsHealth() {
    Health health = engine.check();
    assertThat(health.status()).isEqualTo(Health.Status.UP);
    assertThat(health.detail()).contains("port pairs free");
    assertThat(engine.component()).isEqualTo("media");
  }

  private static MediaSessionImpl open() throws MediaException {
    return (MediaSessionImpl) engine.open("test");
  }

  /** One key press as a phone sends it: 3 packets, then 3 end packets, all one timestamp. */
  static void sendEvent(TestPeer peer, MediaSessionImpl session, int event) throws Exception {
    InetSocketAddress to = TestPeer.at(session);
    for (int i = 0; i < 6; i++) {
      boolean end = i >= 3;
      int duration = Math.min(i + 1, 4) * 160;
      byte[] payload = {
        (byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration
      };
      peer.send(
          to, RtpPacket.build(i == 0, eventPt(session), nextSeq(), eventTs, peer.ssrc, payload));
    }
    eventTs += 1600;
  }

  private static int eventPt(MediaSessionImpl session) {
    return session.remote().eventPayloadType();
  }

  private static int seq = 1000;
  private static long eventTs = 80_000;

  private static int nextSeq() {
    return seq++ & 0xffff;
  }

  /** Reads what is queued for the peer until 30 ms pass without a packet (at most 1 s). */
  private static void drain(TestPeer peer) throws Exception {
    long deadline = System.nanoTime() + 1_000_000_000L;
    DatagramPacket d;
    do {
      d = peer.receive(Duration.ofMillis(30));
    } while (d != null && System.nanoTime() < deadline);
  }
}
