package org.switchboard.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.media.api.Codec;
import org.switchboard.media.api.MediaException;
import org.switchboard.media.api.MediaSession.Direction;
import org.switchboard.media.api.Monitoring;
import org.switchboard.media.api.Monitoring.Mode;

/**
 * A bridged call (customer PCMU 500 Hz, agent PCMA 1500 Hz) and a supervisor (PCMU 1000 Hz) on
 * 127.0.0.1 ports 41500-41599: who hears whom in each mode, found by frequency analysis.
 */
class MonitorTest {
  private static final int CUSTOMER_HZ = 500;
  private static final int AGENT_HZ = 1500;
  private static final int SUPERVISOR_HZ = 1000;
  private static final Duration DRAIN = Duration.ofMillis(300);
  private static MediaEngine engine;
  private static G711 g711;

  @BeforeAll
  static void start() throws Exception {
    engine = new MediaEngine(EngineSettings.loopback(41500, 41599, Path.of("no-prompts")));
    g711 = G711.build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void eachModeDecidesWhoHearsTheSupervisor_andStoppingRestoresTheBridge() throws Exception {
    try (Leg customer = new Leg("customer", Codec.PCMU, CUSTOMER_HZ);
        Leg agent = new Leg("agent", Codec.PCMA, AGENT_HZ);
        Leg supervisor = new Leg("supervisor", Codec.PCMU, SUPERVISOR_HZ)) {
      customer.session.bridge(agent.session);
      Monitoring monitoring =
          engine.monitor(customer.session, agent.session, supervisor.session, Mode.LISTEN);
      assertThat(engine.check().metrics()).containsEntry("monitors", 1);

      talk(customer, agent, supervisor);
      assertHears(supervisor, CUSTOMER_HZ, AGENT_HZ);
      assertHearsOnly(agent, CUSTOMER_HZ, SUPERVISOR_HZ);
      assertHearsOnly(customer, AGENT_HZ, SUPERVISOR_HZ);

      monitoring.mode(Mode.WHISPER);
      assertThat(monitoring.mode()).isEqualTo(Mode.WHISPER);
      talk(customer, agent, supervisor);
      assertHears(supervisor, CUSTOMER_HZ, AGENT_HZ);
      assertHears(agent, CUSTOMER_HZ, SUPERVISOR_HZ);
      assertHearsOnly(customer, AGENT_HZ, SUPERVISOR_HZ);

      monitoring.mode(Mode.BARGE);
      talk(customer, agent, supervisor);
      assertHears(supervisor, CUSTOMER_HZ, AGENT_HZ);
      assertHears(agent, CUSTOMER_HZ, SUPERVISOR_HZ);
      assertHears(customer, AGENT_HZ, SUPERVISOR_HZ);

      monitoring.stop();
      monitoring.stop();
      assertThat(monitoring.stopped()).isTrue();
      assertThat(engine.check().metrics()).containsEntry("monitors", 0);
      talk(customer, agent, supervisor);
      assertThat(supervisor.peer.rtp(5, DRAIN)).isEmpty();
      assertHearsOnly(agent, CUSTOMER_HZ, SUPERVISOR_HZ);
      assertHearsOnly(customer, AGENT_HZ, SUPERVISOR_HZ);
      assertThat(customer.session.bridgedTo()).isSameAs(agent.session);
    }
  }

  @Test
  void closingAnyLegEndsTheMonitoringAndASessionTakesOneMonitorAtATime() throws Exception {
    try (Leg customer = new Leg("customer", Codec.PCMU, CUSTOMER_HZ);
        Leg agent = new Leg("agent", Codec.PCMA, AGENT_HZ);
        Leg supervisor = new Leg("supervisor", Codec.PCMU, SUPERVISOR_HZ);
        Leg second = new Leg("second supervisor", Codec.PCMU, SUPERVISOR_HZ)) {
      customer.session.bridge(agent.session);
      Monitoring monitoring =
          engine.monitor(customer.session, agent.session, supervisor.session, Mode.BARGE);
      assertThatThrownBy(
              () -> engine.monitor(customer.session, agent.session, second.session, Mode.LISTEN))
          .isInstanceOf(MediaException.class)
          .hasMessageContaining("already monitored");
      assertThat(second.session.monitor()).isNull();
      assertThatThrownBy(
              () -> engine.monitor(customer.session, agent.session, customer.session, Mode.LISTEN))
          .isInstanceOf(MediaException.class)
          .hasMessageContaining("three different sessions");
      assertThatThrownBy(() -> monitoring.mode(null)).isInstanceOf(IllegalArgumentException.class);

      supervisor.session.close();
      assertThat(monitoring.stopped()).isTrue();
      assertThat(customer.session.monitor()).isNull();
      assertThat(agent.session.monitor()).isNull();
      talk(customer, agent, second);
      assertHearsOnly(customer, AGENT_HZ, SUPERVISOR_HZ);
      assertHearsOnly(agent, CUSTOMER_HZ, SUPERVISOR_HZ);
      assertThatThrownBy(
              () ->
                  engine.monitor(customer.session, agent.session, supervisor.session, Mode.LISTEN))
          .isInstanceOf(MediaException.class);
    }
  }

  @Test
  void modesAreParsedByName() {
    assertThat(Mode.parse(" Whisper ")).isEqualTo(Mode.WHISPER);
    assertThat(Mode.BARGE.id()).isEqualTo("barge");
    assertThatThrownBy(() -> Mode.parse("shout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listen, whisper or barge");
    assertThatThrownBy(() -> Mode.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every leg sends its tone for 0.8 s in real time; then what each heard is analysed. */
  private static void talk(Leg... legs) throws Exception {
    for (Leg l : legs) {
      l.peer.rtp(1000, Duration.ofMillis(50)); // forget what was heard before
    }
    int packets = 40;
    long start = System.nanoTime();
    for (int i = 0; i < packets; i++) {
      for (Leg l : legs) {
        short[] frame = Arrays.copyOfRange(l.tone, i * 160, i * 160 + 160);
        l.peer.sendRtp(l.at, l.codec.payloadType(), i == 0, g711.encode(l.codec, frame, 160), 160);
      }
      LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
    }
  }

  /** The second half of what {@code leg} heard carries both tones, each far above the third. */
  private static void assertHears(Leg leg, int first, int second) throws Exception {
    short[] heard = lastHalf(leg);
    int absent = third(first, second);
    assertThat(Tones.dominance(heard, 0, heard.length, first, absent))
        .as(leg.name + " hears " + first + " Hz")
        .isGreaterThan(30);
    assertThat(Tones.dominance(heard, 0, heard.length, second, absent))
        .as(leg.name + " hears " + second + " Hz")
        .isGreaterThan(30);
  }

  /** What {@code leg} heard carries {@code tone}, and {@code silent} far below it. */
  private static void assertHearsOnly(Leg leg, int tone, int silent) throws Exception {
    short[] heard = lastHalf(leg);
    assertThat(Tones.dominance(heard, 0, heard.length, tone, silent))
        .as(leg.name + " hears " + tone + " Hz, not " + silent + " Hz")
        .isGreaterThan(100);
  }

  private static short[] lastHalf(Leg leg) throws Exception {
    List<RtpPacket> packets = leg.peer.rtp(1000, DRAIN);
    assertThat(packets).as(leg.name + " hears something").hasSizeGreaterThan(20);
    List<RtpPacket> half = packets.subList(packets.size() / 2, packets.size());
    return TestPeer.decode(g711, leg.codec, half);
  }

  private static int third(int first, int second) {
    for (int f : new int[] {CUSTOMER_HZ, AGENT_HZ, SUPERVISOR_HZ}) {
      if (f != first && f != second) {
        return f;
      }
    }
    throw new IllegalArgumentException();
  }

  /** A far end and its session at the engine, negotiated with one codec. */
  private static final class Leg implements AutoCloseable {
    final String name;
    final Codec codec;
    final short[] tone;
    final TestPeer peer = new TestPeer();
    final MediaSessionImpl session;
    final InetSocketAddress at;

    Leg(String name, Codec codec, int hz) throws Exception {
      this.name = name;
      this.codec = codec;
      this.tone = Tones.sine(hz, 20 * 40, 8000);
      this.session = (MediaSessionImpl) engine.open(name);
      session.offer(Direction.SENDRECV);
      session.accept(peer.sdp(Integer.toString(codec.payloadType())));
      this.at = TestPeer.at(session);
    }

    @Override
    public void close() throws Exception {
      session.close();
      peer.close();
    }
  }
}
