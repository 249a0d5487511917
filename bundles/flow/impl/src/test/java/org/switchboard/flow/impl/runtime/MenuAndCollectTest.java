package org.switchboard.flow.impl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.impl.testing.RecordingSession;

class MenuAndCollectTest {
  private final Harness h = new Harness();
  private final RecordingSession session = RecordingSession.voice();

  private static final String MENU =
      """
      id: m
      start: menu
      nodes:
        menu:
          type: menu
          prompts: [main-menu]
          options: {"1": sales, "2": billing}
          timeoutSeconds: 5
          retries: 2
          noInput: [no-input]
          invalid: [invalid]
          onFailure: operator
        sales: {type: queue, queue: sales}
        billing: {type: queue, queue: billing, priority: 10, skills: [{skill: billing, minLevel: 3}]}
        operator: {type: transfer, destination: "sip:operator@example.com"}
      """;

  @Test
  void aDigitDuringThePromptStopsItAndCounts() {
    FlowRun run = h.start(MENU, session);
    assertThat(session.calls()).containsExactly("play [main-menu] true");
    assertThat(run.currentNode()).isEqualTo("menu");

    run.input("2");

    assertThat(session.calls())
        .containsExactly(
            "play [main-menu] true",
            "stop",
            "enqueue billing priority 10 skills [SkillRequirement[skill=billing, minimumLevel=3]]");
    assertThat(run.ended()).isTrue();
    assertThat(run.currentNode()).isEqualTo("billing");
    assertThat(h.interpreter.runningCount()).isZero();
  }

  @Test
  void theTimeoutStartsWhenThePromptEnds() {
    FlowRun run = h.start(MENU, session);
    h.timers.advanceSeconds(60);
    assertThat(session.calls()).containsExactly("play [main-menu] true");

    run.playbackDone();
    h.timers.advanceSeconds(4);
    assertThat(session.calls()).hasSize(1);
    h.timers.advanceSeconds(1);
    assertThat(session.calls())
        .containsExactly("play [main-menu] true", "play [no-input, main-menu] true");
  }

  @Test
  void retriesWithNoInputAndInvalidMessagesThenOnFailure() {
    FlowRun run = h.start(MENU, session);
    run.playbackDone();
    h.timers.advanceSeconds(5); // no input 1
    run.playbackDone();
    run.input("7"); // invalid 2 (after the prompt)
    run.playbackDone();
    h.timers.advanceSeconds(5); // no input 3: more than 2 retries

    assertThat(session.calls())
        .containsExactly(
            "play [main-menu] true",
            "play [no-input, main-menu] true",
            "play [invalid, main-menu] true",
            "transfer sip:operator@example.com");
    assertThat(run.ended()).isTrue();
    assertThat(h.timers.pending()).isZero();
  }

  @Test
  void withoutOnFailureTheCallerGoesToTheFallbackQueue() {
    FlowRun run =
        h.start(
            MENU.replace("    onFailure: operator\n", "").replace("retries: 2", "retries: 0"),
            session);
    run.playbackDone();
    h.timers.advanceSeconds(5);
    assertThat(session.last()).isEqualTo("enqueue support");
    assertThat(run.ended()).isTrue();
  }

  @Test
  void withoutBargeInDigitsDuringThePromptAreIgnored() {
    FlowRun run =
        h.start(
            MENU.replace("prompts: [main-menu]", "prompts: [main-menu]\n    bargeIn: false"),
            session);
    run.input("1");
    assertThat(session.calls()).containsExactly("play [main-menu] false");
    run.playbackDone();
    run.input("1");
    assertThat(session.last()).isEqualTo("enqueue sales");
  }

  @Test
  void eventsAfterTheEndAreIgnoredAndCustomerLeftStopsTimers() {
    FlowRun run = h.start(MENU, session);
    run.playbackDone();
    assertThat(h.timers.pending()).isEqualTo(1);
    run.customerLeft();
    assertThat(run.ended()).isTrue();
    assertThat(h.timers.pending()).isZero();
    run.input("1");
    h.timers.advanceSeconds(100);
    assertThat(session.calls()).containsExactly("play [main-menu] true");
  }

  private static final String COLLECT =
      """
      id: c
      start: ask
      nodes:
        ask:
          type: collect
          prompts: [enter-account]
          into: account
          minDigits: 4
          maxDigits: 6
          interDigitTimeoutSeconds: 3
          timeoutSeconds: 5
          pattern: "1[0-9]+"
          retries: 1
          invalid: [invalid-account]
          next: thanks
          onFailure: agent
        thanks: {type: say, text: "Account ${account}, thank you.", next: agent}
        agent: {type: queue, queue: support}
      """;

  @Test
  void collectEndsOnTheTerminator() {
    FlowRun run = h.start(COLLECT, session);
    for (String d : new String[] {"1", "2", "3", "4", "#"}) {
      run.input(d);
    }
    assertThat(run.variables()).containsEntry("account", "1234");
    assertThat(session.calls())
        .containsExactly(
            "play [enter-account] true", "stop", "say Account 1234, thank you. (en) false");
    run.playbackDone();
    assertThat(session.last()).isEqualTo("enqueue support");
  }

  @Test
  void collectEndsAtMaxDigits() {
    FlowRun run = h.start(COLLECT, session);
    run.playbackDone();
    "1234567".chars().forEach(c -> run.input(String.valueOf((char) c)));
    assertThat(run.variables()).containsEntry("account", "123456");
    assertThat(run.currentNode()).isEqualTo("thanks");
  }

  @Test
  void collectEndsAfterTheInterDigitTimeout() {
    FlowRun run = h.start(COLLECT, session);
    run.playbackDone();
    "10000".chars().forEach(c -> run.input(String.valueOf((char) c)));
    h.timers.advanceSeconds(2);
    assertThat(run.currentNode()).isEqualTo("ask");
    h.timers.advanceSeconds(1);
    assertThat(run.variables()).containsEntry("account", "10000");
  }

  @Test
  void aValueNotMatchingThePatternIsInvalidThenTheRetrySucceeds() {
    FlowRun run = h.start(COLLECT, session);
    run.playbackDone();
    "2345#".chars().forEach(c -> run.input(String.valueOf((char) c)));
    assertThat(session.last()).isEqualTo("play [invalid-account, enter-account] true");
    assertThat(run.variables()).doesNotContainKey("account");
    "19#".chars().forEach(c -> run.input(String.valueOf((char) c))); // too short: second failure
    assertThat(session.last()).isEqualTo("enqueue support");
    assertThat(run.currentNode()).isEqualTo("agent");
  }

  @Test
  void aRetryThatSucceeds() {
    FlowRun run = h.start(COLLECT, session);
    run.playbackDone();
    h.timers.advanceSeconds(5); // no first digit
    assertThat(session.last()).isEqualTo("play [enter-account] true");
    run.playbackDone();
    "1555#".chars().forEach(c -> run.input(String.valueOf((char) c)));
    assertThat(run.variables()).containsEntry("account", "1555");
  }

  @Test
  void chatMenusMatchWordsAndCollectTakesTheWholeMessage() {
    RecordingSession chat = RecordingSession.chat();
    String bot =
        """
        id: bot
        start: greet
        nodes:
          greet:
            type: menu
            text: "Type order or agent"
            options: {Order: ask, agent: q}
            invalid: Sorry?
            timeoutSeconds: 300
          ask:
            type: collect
            text: Your order number?
            into: order
            pattern: "[0-9]{6}"
            next: q
          q: {type: queue, queue: "${order}"}
        """
            .replace("queue: \"${order}\"", "queue: support");
    FlowRun run = h.start(bot, chat);
    assertThat(chat.calls()).containsExactly("say Type order or agent (en) true");
    run.playbackDone();
    run.input("what?");
    assertThat(chat.last()).isEqualTo("say Sorry? (en) true");
    run.playbackDone();
    assertThat(chat.last()).isEqualTo("say Type order or agent (en) true");
    run.playbackDone();
    run.input("  ORDER ");
    assertThat(run.currentNode()).isEqualTo("ask");
    run.playbackDone();
    run.input(" 123456 ");
    assertThat(run.variables()).containsEntry("order", "123456");
    assertThat(chat.last()).isEqualTo("enqueue support");
  }

  @Test
  void typeAheadDuringABargeInPlayAnswersTheNextMenu() {
    String yaml =
        """
        id: t
        start: hello
        nodes:
          hello: {type: play, prompts: [welcome], bargeIn: true, next: menu}
          menu: {type: menu, prompts: [main-menu], options: {"1": q}}
          q: {type: queue, queue: sales}
        """;
    FlowRun run = h.start(yaml, session);
    run.input("1");
    assertThat(session.calls()).containsExactly("play [welcome] true", "stop", "enqueue sales");
    assertThat(run.ended()).isTrue();
  }
}
