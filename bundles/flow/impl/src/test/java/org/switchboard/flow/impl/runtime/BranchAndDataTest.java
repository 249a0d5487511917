package org.switchboard.flow.impl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.flow.api.FlowRun;
import org.switchboard.flow.impl.testing.ManualTimers;
import org.switchboard.flow.impl.testing.RecordingSession;

class BranchAndDataTest {
  private static final String HOURS =
      """
      id: hours
      start: check
      calendars:
        office:
          timezone: Europe/Berlin
          hours:
            mon-fri: 08:00-18:00
          holidays: [2025-06-09]
      nodes:
        check:
          type: branch
          conditions:
            - closed: office
              next: closed
          otherwise: open
        open: {type: queue, queue: sales}
        closed: {type: voicemail, queue: sales, maxSeconds: 60}
      """;

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2025-06-02T10:00:00Z, open", // Monday 12:00 in Berlin
    "2025-06-02T06:30:00Z, open", // 08:30 in Berlin (06:30 UTC would be closed)
    "2025-06-02T17:30:00Z, closed", // 19:30 in Berlin (17:30 UTC would be open)
    "2025-06-09T10:00:00Z, closed", // Whit Monday: holiday
    "2025-06-07T10:00:00Z, closed", // Saturday
  })
  void calendarConditionsUseTheTimezoneAndHolidays(String instant, String expected) {
    Harness h = new Harness(new ManualTimers(Instant.parse(instant)), 100);
    RecordingSession session = RecordingSession.voice();
    h.start(HOURS, session);
    assertThat(session.last())
        .isEqualTo(expected.equals("open") ? "enqueue sales" : "voicemail sales 60");
  }

  @Test
  void conditionsOnAttributesAndVariablesInOrder() {
    String yaml =
        """
        id: b
        start: set
        nodes:
          set: {type: set, variables: {tier: "${level}-x"}, attributes: {seen: "yes"}, next: b}
          b:
            type: branch
            conditions:
              - attribute: vip
                equals: "true"
                next: vip
              - variable: tier
                in: [gold-x, silver-x]
                next: gold
              - attribute: caller
                matches: "\\\\+49.*"
                next: german
              - attribute: customerId
                present: false
                next: unknown
            otherwise: other
          vip: {type: queue, queue: vip}
          gold: {type: queue, queue: gold}
          german: {type: queue, queue: german}
          unknown: {type: queue, queue: unknown}
          other: {type: queue, queue: other}
        """;
    List<String> queues = new ArrayList<>();
    for (Map<String, String> attributes :
        List.of(
            Map.of("vip", "true", "level", "gold"),
            Map.of("level", "gold"),
            Map.of("caller", "+4930123", "customerId", "c1"),
            Map.of("caller", "+3312"),
            Map.of("customerId", "c2"))) {
      RecordingSession session = RecordingSession.voice();
      new Harness().start(yaml, session, attributes);
      assertThat(session.calls().get(0)).isEqualTo("attributes {seen=yes}");
      queues.add(session.enqueued().queue());
    }
    assertThat(queues).containsExactly("vip", "gold", "german", "unknown", "other");
  }

  private static final String DATA =
      """
      id: d
      start: lookup
      nodes:
        lookup:
          type: data
          dip: order-status
          input: {orderNumber: "${order}"}
          timeoutMillis: 1500
          into: order
          next: tell
          onError: sorry
        tell: {type: say, text: "Order ${order} is ${order.status}", next: q}
        sorry: {type: say, text: "Sorry: ${order.error}", next: q}
        q: {type: queue, queue: support}
      """;

  @Test
  void aDataDipsResultsBecomeVariables() {
    Harness h = new Harness();
    List<Map<String, String>> inputs = new ArrayList<>();
    CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
    h.dips.put(
        "order-status",
        input -> {
          inputs.add(input);
          return answer;
        });
    RecordingSession session = RecordingSession.voice();
    FlowRun run = h.start(DATA, session, Map.of("order", "123456"));
    assertThat(inputs).containsExactly(Map.of("orderNumber", "123456"));
    assertThat(session.calls()).isEmpty();
    assertThat(run.currentNode()).isEqualTo("lookup");

    answer.complete(Map.of("status", "shipped", "carrier", "DHL"));

    assertThat(run.variables())
        .containsEntry("order.status", "shipped")
        .containsEntry("order.carrier", "DHL");
    assertThat(session.calls()).containsExactly("say Order 123456 is shipped (en) false");
    assertThat(h.timers.pending()).isZero();
  }

  @Test
  void aDataDipThatDoesNotAnswerInTimeTakesTheErrorPathAndItsLateAnswerIsIgnored() {
    Harness h = new Harness();
    CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();
    h.dips.put("order-status", input -> answer);
    RecordingSession session = RecordingSession.voice();
    FlowRun run = h.start(DATA, session, Map.of("order", "1"));
    h.timers.advance(java.time.Duration.ofMillis(1499));
    assertThat(session.calls()).isEmpty();
    h.timers.advance(java.time.Duration.ofMillis(1));
    assertThat(session.calls())
        .containsExactly("say Sorry: data dip 'order-status' did not answer in time (en) false");
    answer.complete(Map.of("status", "late"));
    assertThat(run.variables()).doesNotContainKey("order.status");
    assertThat(run.currentNode()).isEqualTo("sorry");
  }

  @Test
  void aFailedOrThrowingOrMissingDipTakesTheErrorPath() {
    Harness h = new Harness();
    h.dips.put(
        "order-status",
        input -> CompletableFuture.failedFuture(new IllegalStateException("HTTP 500")));
    RecordingSession failed = RecordingSession.voice();
    h.start(DATA, failed);
    assertThat(failed.last())
        .startsWith(
            "say Sorry: data dip 'order-status' failed: java.lang.IllegalStateException: HTTP 500");

    h.dips.put(
        "order-status",
        input -> {
          throw new IllegalArgumentException("bad input");
        });
    RecordingSession threw = RecordingSession.voice();
    h.start(DATA, threw);
    assertThat(threw.last()).contains("failed: java.lang.IllegalArgumentException: bad input");

    h.dips.clear();
    RecordingSession missing = RecordingSession.voice();
    h.start(DATA, missing);
    assertThat(missing.last())
        .isEqualTo("say Sorry: no data dip named 'order-status' is registered (en) false");
  }

  @Test
  void aFailedDipWithoutOnErrorGoesToTheFlowsFallbackQueue() {
    Harness h = new Harness();
    RecordingSession session = RecordingSession.voice();
    h.start(
        DATA.replace("start: lookup", "start: lookup\nfallback: emergency")
            .replace("    onError: sorry\n", ""),
        session);
    assertThat(session.calls()).containsExactly("enqueue emergency");
  }
}
