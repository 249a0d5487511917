package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.MediaSession.Direction;
import org.switchboard.media.api.RecordedFile;
import org.switchboard.media.api.Recording;

/**
 * A customer leg (PCMU) and an agent leg (PCMA) bridged on 127.0.0.1 ports 41400-41499, by an
 * engine with two receiving threads: the two legs of a call receive on different ones.
 */
class BridgeAndRecordingTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static MediaEngine engine;
  private static G711 g711;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    engine =
        new MediaEngine(
            new EngineSettings(
                java.net.InetAddress.getLoopbackAddress(),
                "",
                41400,
                41499,
                Path.of("no-prompts"),
                100,
                20,
                true,
                2));
    g711 = G711.build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void carriesEachSidesToneToTheOtherAcrossCodecs() throws Exception {
    try (TestPeer customer = new TestPeer();
        TestPeer agent = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("customer");
        MediaSessionImpl b = (MediaSessionImpl) engine.open("agent")) {
      connect(customer, a, agent, b);
      a.bridge(b);
      assertThat(b.bridgedTo()).isSameAs(a);
      customer.sendAudio(TestPeer.at(a), g711, Codec.PCMU, Tones.sine(700, 400, 8000), 160);
      List<RtpPacket> atAgent = agent.rtp(20, WAIT);
      agent.sendAudio(TestPeer.at(b), g711, Codec.PCMA, Tones.sine(1200, 400, 8000), 160);
      List<RtpPacket> atCustomer = customer.rtp(20, WAIT);
      assertThat(atAgent)
          .hasSize(20)
          .allMatch(p -> p.payloadType() == 8 && p.ssrc() != customer.ssrc);
      assertThat(atCustomer)
          .hasSize(20)
          .allMatch(p -> p.payloadType() == 0 && p.ssrc() != agent.ssrc);
      short[] agentHears = TestPeer.decode(g711, Codec.PCMA, atAgent);
      short[] customerHears = TestPeer.decode(g711, Codec.PCMU, atCustomer);
      assertThat(Tones.dominance(agentHears, 0, agentHears.length, 700, 1200, 500, 1000))
          .isGreaterThan(100);
      assertThat(Tones.dominance(customerHears, 0, customerHears.length, 1200, 700, 1000, 1500))
          .isGreaterThan(100);
      a.unbridge();
      assertThat(b.bridgedTo()).isNull();
    }
  }

  @Test
  void passesTelephoneEventsWithTheOtherSidesPayloadType() throws Exception {
    try (TestPeer customer = new TestPeer();
        TestPeer agent = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("customer");
        MediaSessionImpl b = (MediaSessionImpl) engine.open("agent")) {
      a.answer(customer.sdp("0 96", "rtpmap:96 telephone-event/8000"));
      b.offer(Direction.SENDRECV);
      b.accept(agent.sdp("8 101", "rtpmap:101 telephone-event/8000"));
      a.bridge(b);
      List<Character> digits = new CopyOnWriteArrayList<>();
      a.onDtmf((d, s) -> digits.add(d));
      MediaSessionTest.sendEvent(customer, a, 9);
      List<RtpPacket> relayed = agent.rtp(6, WAIT);
      assertThat(relayed).hasSize(6).allMatch(p -> p.payloadType() == 101);
      assertThat(relayed).extracting(RtpPacket::timestamp).containsOnly(relayed.get(0).timestamp());
      assertThat(relayed.get(0).marker()).isTrue();
      assertThat(relayed.get(0).data()[relayed.get(0).payloadOffset()]).isEqualTo((byte) 9);
      assertThat(digits).containsExactly('9');
    }
  }

  @Test
  void aPromptOnOneLegReplacesTheBridgeForThatLegOnly() throws Exception {
    try (TestPeer customer = new TestPeer();
        TestPeer agent = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("customer");
        MediaSessionImpl b = (MediaSessionImpl) engine.open("agent")) {
      connect(customer, a, agent, b);
      a.bridge(b);
      b.play(List.of(new PromptAudio("beep", Tones.sine(1000, 2000, 8000))), false, null);
      agent.rtp(3, WAIT);
      customer.sendAudio(TestPeer.at(a), g711, Codec.PCMU, Tones.sine(700, 200, 8000), 160);
      short[] agentHears = TestPeer.decode(g711, Codec.PCMA, agent.rtp(10, WAIT));
      assertThat(Tones.dominance(agentHears, 0, agentHears.length, 1000, 700)).isGreaterThan(100);
      b.stopPlaying();
    }
  }

  @Test
  void recordsTheCustomerLeftAndTheAgentRightWithThePauseSilent() throws Exception {
    Path file = dir.resolve("call.wav");
    RecordedFile done;
    try (TestPeer customer = new TestPeer();
        TestPeer agent = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("customer");
        MediaSessionImpl b = (MediaSessionImpl) engine.open("agent")) {
      connect(customer, a, agent, b);
      a.bridge(b);
      Recording recording = engine.record(a, b, file);
      talk(customer, a, agent, b, 25);
      recording.pause();
      assertThat(recording.paused()).isTrue();
      talk(customer, a, agent, b, 25);
      recording.resume();
      talk(customer, a, agent, b, 25);
      done = recording.stop();
      assertThat(recording.stop()).isSameAs(done);
    }
    assertThat(done.file()).isEqualTo(file);
    assertThat(done.bytes()).isEqualTo(Files.size(file));
    assertThat(done.sha256()).isEqualTo(Recorder.sha256(file)).hasSize(64);
    assertThat(done.duration()).isBetween(Duration.ofMillis(1200), Duration.ofMillis(2500));
    assertThat(done.paused()).isBetween(Duration.ofMillis(300), Duration.ofMillis(800));
    assertThat(dir.toFile().list()).containsExactly("call.wav");
    short[][] channels = read(file);
    short[] left = channels[0];
    short[] right = channels[1];
    assertThat(Tones.dominance(left, 0, left.length, 500, 1500)).isGreaterThan(50);
    assertThat(Tones.dominance(right, 0, right.length, 1500, 500)).isGreaterThan(50);
    assertThat(longestSilence(left, right)).isGreaterThanOrEqualTo(8 * 300);
  }

  @Test
  void aOneSidedRecordingKeepsTheCallerLeftAndSilenceRight() throws Exception {
    Path file = dir.resolve("voicemail.wav");
    RecordedFile done;
    try (TestPeer customer = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("caller")) {
      a.answer(customer.sdp("0"));
      Recording recording = engine.record(a, null, file);
      InetSocketAddress toA = TestPeer.at(a);
      short[] voice = Tones.sine(500, 20 * 25, 8000);
      long start = System.nanoTime();
      for (int i = 0; i < 25; i++) {
        short[] frame = java.util.Arrays.copyOfRange(voice, i * 160, i * 160 + 160);
        customer.sendRtp(toA, 0, i == 0, g711.encode(Codec.PCMU, frame, 160), 160);
        LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
      }
      done = recording.stop();
    }
    assertThat(done.duration()).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
    short[][] channels = read(file);
    assertThat(Tones.dominance(channels[0], 0, channels[0].length, 500, 1500)).isGreaterThan(50);
    assertThat(longestSilence(channels[1], channels[1])).isEqualTo(channels[1].length);
  }

  @Test
  void closingALegCompletesItsRecording() throws Exception {
    Path file = dir.resolve("closed.wav");
    Recording recording;
    try (TestPeer customer = new TestPeer();
        TestPeer agent = new TestPeer();
        MediaSessionImpl a = (MediaSessionImpl) engine.open("customer");
        MediaSessionImpl b = (MediaSessionImpl) engine.open("agent")) {
      connect(customer, a, agent, b);
      recording = engine.record(a, b, file);
      talk(customer, a, agent, b, 5);
    }
    RecordedFile done = recording.stop();
    assertThat(Files.size(file)).isEqualTo(done.bytes()).isGreaterThan(44);
  }

  private static void connect(
      TestPeer customer, MediaSessionImpl a, TestPeer agent, MediaSessionImpl b) throws Exception {
    a.answer(customer.sdp("0"));
    String offer = b.offer(Direction.SENDRECV);
    assertThat(offer).contains("m=audio " + b.port());
    b.accept(agent.sdp("8"));
  }

  /** Both sides talk in real time: 20 ms packets, paced by the clock. */
  private static void talk(
      TestPeer customer, MediaSessionImpl a, TestPeer agent, MediaSessionImpl b, int packets)
      throws Exception {
    InetSocketAddress toA = TestPeer.at(a);
    InetSocketAddress toB = TestPeer.at(b);
    short[] low = Tones.sine(500, 20 * packets, 8000);
    short[] high = Tones.sine(1500, 20 * packets, 8000);
    long start = System.nanoTime();
    for (int i = 0; i < packets; i++) {
      short[] l = java.util.Arrays.copyOfRange(low, i * 160, i * 160 + 160);
      short[] h = java.util.Arrays.copyOfRange(high, i * 160, i * 160 + 160);
      customer.sendRtp(toA, 0, i == 0, g711.encode(Codec.PCMU, l, 160), 160);
      agent.sendRtp(toB, 8, i == 0, g711.encode(Codec.PCMA, h, 160), 160);
      LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
    }
  }

  private static short[][] read(Path file) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
      assertThat(in.getFormat().getChannels()).isEqualTo(2);
      assertThat(in.getFormat().getSampleRate()).isEqualTo(8000f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      byte[] b = bytes.toByteArray();
      short[][] channels = new short[2][b.length / 4];
      for (int i = 0; i < b.length / 4; i++) {
        channels[0][i] = (short) ((b[4 * i] & 0xff) | (b[4 * i + 1] << 8));
        channels[1][i] = (short) ((b[4 * i + 2] & 0xff) | (b[4 * i + 3] << 8));
      }
      return channels;
    }
  }

  private static int longestSilence(short[] left, short[] right) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < left.length; i++) {
      run = left[i] == 0 && right[i] == 0 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
