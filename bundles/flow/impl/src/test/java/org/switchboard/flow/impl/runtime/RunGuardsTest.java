package org.switchboard.flow.impl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.impl.testing.ManualTimers;
import org.switchboard.flow.impl.testing.RecordingSession;

class RunGuardsTest {
  private static final String CHAIN =
      """
      id: chain
      start: s1
      nodes:
        s1: {type: set, variables: {a: "1"}, next: s2}
        s2: {type: set, variables: {b: "2"}, next: s3}
        s3: {type: set, variables: {c: "3"}, next: s4}
        s4: {type: set, variables: {d: "4"}, next: q}
        q: {type: queue, queue: sales}
      """;

  @Test
  void aRunawayChainOfStepsEndsInTheFallbackQueue() {
    Harness h = new Harness(new ManualTimers(), 3);
    RecordingSession session = RecordingSession.voice();
    FlowRun run = h.start(CHAIN, session);
    assertThat(session.calls()).containsExactly("enqueue support");
    assertThat(run.ended()).isTrue();
    assertThat(run.currentNode()).isEqualTo("s3");
  }

  @Test
  void stepsAreCountedPerCustomerEvent() {
    String yaml =
        """
        id: loop
        start: menu
        nodes:
          menu: {type: menu, prompts: [m], options: {"1": s1, "9": q}}
          s1: {type: set, variables: {a: "1"}, next: s2}
          s2: {type: set, variables: {b: "2"}, next: menu}
          q: {type: queue, queue: sales}
        """;
    Harness h = new Harness(new ManualTimers(), 3);
    RecordingSession session = RecordingSession.voice();
    FlowRun run = h.start(yaml, session);
    for (int i = 0; i < 10; i++) {
      run.input("1"); // three steps each time: s1, s2, menu
    }
    run.input("9");
    assertThat(session.last()).isEqualTo("enqueue sales");
  }

  @Test
  void aSessionThatThrowsSendsTheContactToTheFallbackQueue() {
    Harness h = new Harness();
    RecordingSession session =
        RecordingSession.voice().failing("attributes", new IllegalStateException("db down"));
    h.start(CHAIN.replace("variables: {a: \"1\"}", "attributes: {a: \"1\"}"), session);
    assertThat(session.calls()).containsExactly("attributes {a=1}", "enqueue support");
  }

  @Test
  void whenEvenTheFallbackQueueFailsTheContactIsHungUpNotLeftInSilence() {
    Harness h = new Harness();
    RecordingSession session =
        RecordingSession.voice().failing("enqueue", new IllegalStateException("no queue"));
    h.start(CHAIN.replace("start: s1", "start: s1\nfallback: emergency"), session);
    assertThat(session.calls())
        .containsExactly(
            "enqueue sales", "enqueue emergency", "enqueue support", "hangup flow-error");
  }

  @Test
  void aMissingFlowRunsTheSafeDefault() {
    Harness h = new Harness();
    RecordingSession session = RecordingSession.voice();
    FlowRun run = h.interpreter.startFallback("nope", "no active flow", session, Map.of());
    assertThat(session.calls()).containsExactly("enqueue support");
    assertThat(run.ended()).isTrue();
    assertThat(run.flowVersion()).isZero();
  }

  @Test
  void aSessionCallingBackFromInsidePlayIsQueuedNotReentrant() {
    Harness h = new Harness();
    FlowRun[] run = new FlowRun[1];
    RecordingSession session =
        new RecordingSession(org.switchboard.core.api.ChannelType.CHAT) {
          @Override
          public void say(String text, String language, boolean bargeIn) {
            super.say(text, language, bargeIn);
            if (run[0] != null) {
              run[0].playbackDone(); // a chat channel: "sent" at once
            }
          }
        };
    String yaml =
        """
        id: chat
        start: a
        nodes:
          a: {type: say, text: one, next: b}
          b: {type: say, text: two, next: q}
          q: {type: queue, queue: chat}
        """;
    run[0] =
        h.interpreter.start(
            org.switchboard.flow.impl.testing.Flows.compile(yaml), 1, session, null);
    run[0].playbackDone(); // the first say happened before run[0] was known
    assertThat(session.calls())
        .containsExactly("say one (en) false", "say two (en) false", "enqueue chat");
  }
}
