package org.switchboard.reports.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.QueueVisit.Outcome;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ServiceLevel;

class StandardReportsTest {
  private static final Instant NINE = Instant.parse("2026-12-01T08:00:00Z"); // 09:00 in Berlin

  private final List<QueueVisit> visits = new ArrayList<>();
  private final List<org.switchboard.reports.api.AgentSpan> spans = new ArrayList<>();

  private final ReportData data =
      new ReportData() {
        @Override
        public void forEachVisit(
            Instant from, Instant to, String queue, Consumer<QueueVisit> action) {
          visits.stream()
              .filter(v -> !v.queuedAt().isBefore(from) && v.queuedAt().isBefore(to))
              .filter(v -> queue == null || queue.equals(v.queue()))
              .forEach(action);
        }

        @Override
        public void forEachAgentSpan(
            Instant from,
            Instant to,
            String agent,
            Consumer<org.switchboard.reports.api.AgentSpan> action) {
          spans.stream()
              .filter(x -> x.from().isBefore(to) && (x.to() == null || x.to().isAfter(from)))
              .filter(x -> agent == null || agent.equals(x.agent()))
              .forEach(action);
        }

        @Override
        public MetricSettings settings(String queue) {
          return new MetricSettings(
              Duration.ofSeconds("sales".equals(queue) ? 30 : 20),
              Duration.ofSeconds(5),
              "sales".equals(queue) ? ServiceLevel.ABANDONS_FOR : ServiceLevel.ABANDONS_AGAINST);
        }

        @Override
        public long upToSequence() {
          return 0;
        }
      };

  private void answered(
      String queue, String channel, long queuedMinute, long wait, String disposition) {
    Instant q = NINE.plus(Duration.ofMinutes(queuedMinute));
    visits.add(
        new QueueVisit(
            "i" + visits.size(),
            1,
            channel,
            queue,
            null,
            q,
            null,
            q.plusSeconds(wait),
            "a1",
            q.plusSeconds(wait + 60),
            q.plusSeconds(wait + 70),
            Outcome.ANSWERED,
            Duration.ZERO,
            0,
            disposition));
  }

  private void abandoned(String queue, long queuedMinute, long wait) {
    Instant q = NINE.plus(Duration.ofMinutes(queuedMinute));
    visits.add(
        new QueueVisit(
            "i" + visits.size(),
            1,
            "voice",
            queue,
            null,
            q,
            null,
            null,
            null,
            q.plusSeconds(wait),
            null,
            Outcome.ABANDONED,
            Duration.ZERO,
            0,
            null));
  }

  private static ReportResult run(Report report, Map<String, String> values, ReportData data) {
    return report.run(ReportRequest.of(report.definition(), values), data);
  }

  private static Object cell(ReportResult r, int row, String column) {
    for (int i = 0; i < r.columns().size(); i++) {
      if (r.columns().get(i).id().equals(column)) {
        return r.rows().get(row).get(i);
      }
    }
    throw new AssertionError("no column " + column);
  }

  @Test
  void theIntervalReportCountsEachQueueInItsIntervalsInTheLocalZoneAndTotalsIt() {
    answered("support", "voice", 1, 10, "resolved"); // 09:00-09:15
    answered("support", "voice", 14, 25, "resolved"); // 09:00-09:15, over 20 s
    abandoned("support", 20, 40); // 09:15-09:30
    answered("sales", "chat", 2, 25, "sale"); // within sales' 30 s
    abandoned("sales", 3, 12); // within 30 s: counts for, in ABANDONS_FOR

    ReportResult r =
        run(
            new QueueIntervalReport(),
            Map.of(
                "from",
                "2026-12-01T08:00:00Z",
                "to",
                "2026-12-01T09:00:00Z",
                "interval",
                "15",
                "zone",
                "Europe/Berlin"),
            data);

    assertThat(r.rows())
        .extracting(row -> row.get(0) + " " + row.get(1))
        .containsExactly(
            "sales 2026-12-01T09:00",
            "sales Total",
            "support 2026-12-01T09:00",
            "support 2026-12-01T09:15",
            "support Total");
    assertThat(cell(r, 0, "serviceLevel")).isEqualTo(1.0); // (1 answered + 1 abandoned within) / 2
    assertThat(cell(r, 2, "offered")).isEqualTo(2L);
    assertThat(cell(r, 2, "serviceLevel")).isEqualTo(0.5);
    assertThat(cell(r, 3, "abandoned")).isEqualTo(1L);
    assertThat(cell(r, 4, "offered")).isEqualTo(3L);
    assertThat((Double) cell(r, 4, "serviceLevel")).isEqualTo(1 / 3.0);
    assertThat(cell(r, 4, "averageSpeedOfAnswer")).isEqualTo(17.5);
    assertThat(r.formulas())
        .containsKeys("settings.sales", "settings.support", "averageHandleTime");
    assertThat(r.formulas().get("settings.sales")).contains("30 s").contains("ABANDONS_FOR");

    ReportResult forced =
        run(
            new QueueIntervalReport(),
            Map.of(
                "from",
                "2026-12-01T08:00:00Z",
                "to",
                "2026-12-01T09:00:00Z",
                "queue",
                "sales",
                "serviceLevel",
                "ABANDONS_IGNORED",
                "serviceLevelThreshold",
                "PT10S"),
            data);
    assertThat(forced.rows()).hasSize(2);
    assertThat(cell(forced, 1, "serviceLevel")).isEqualTo(0.0); // answered after 25 s > 10 s
  }

  @Test
  void agentsOccupancyCountsTwoChatsAtOnceAsOneBusyStretchAndTheirLoadAsTwo() {
    Instant eight = NINE; // 08:00 UTC
    spans.add(
        span(
            "a1",
            org.switchboard.core.api.agent.AgentState.LOGGED_OUT,
            eight.minusSeconds(3600),
            eight));
    spans.add(
        span(
            "a1", org.switchboard.core.api.agent.AgentState.READY, eight, eight.plusSeconds(1800)));
    spans.add(
        span(
            "a1",
            org.switchboard.core.api.agent.AgentState.NOT_READY,
            eight.plusSeconds(1800),
            eight.plusSeconds(2400)));
    spans.add(
        span("a1", org.switchboard.core.api.agent.AgentState.READY, eight.plusSeconds(2400), null));
    chat(
        "a1",
        eight.plusSeconds(300),
        eight.plusSeconds(840),
        eight.plusSeconds(900)); // 08:05-08:15
    chat(
        "a1",
        eight.plusSeconds(600),
        eight.plusSeconds(1140),
        eight.plusSeconds(1200)); // 08:10-08:20

    ReportResult r =
        run(
            new AgentPerformanceReport(),
            Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z"),
            data);

    assertThat(r.rows()).hasSize(1);
    assertThat(cell(r, 0, "staffed")).isEqualTo(3600.0);
    assertThat(cell(r, 0, "ready")).isEqualTo(3000.0);
    assertThat(cell(r, 0, "notReady")).isEqualTo(600.0);
    assertThat(cell(r, 0, "handled")).isEqualTo(2L);
    assertThat(cell(r, 0, "averageHandleTime")).isEqualTo(600.0);
    assertThat(cell(r, 0, "busy")).isEqualTo(900.0); // 08:05 to 08:20
    assertThat(cell(r, 0, "occupancy")).isEqualTo(900 / 3000.0);
    assertThat(cell(r, 0, "load")).isEqualTo(1200 / 3000.0);
  }

  private static org.switchboard.reports.api.AgentSpan span(
      String agent, org.switchboard.core.api.agent.AgentState state, Instant from, Instant to) {
    return new org.switchboard.reports.api.AgentSpan(agent, state, null, from, to);
  }

  private void chat(String agent, Instant answered, Instant ended, Instant completed) {
    visits.add(
        new QueueVisit(
            "c" + visits.size(),
            1,
            "chat",
            "support",
            null,
            answered.minusSeconds(5),
            null,
            answered,
            agent,
            ended,
            completed,
            Outcome.ANSWERED,
            Duration.ZERO,
            0,
            "resolved"));
  }

  @Test
  void erlangCGivesTheTextbookStaffingAndTheSimulatorChecksIt() {
    StaffingReport report = new StaffingReport();
    List<org.switchboard.acd.api.SimulationScenario> asked = new ArrayList<>();
    report.setSimulator(
        scenario -> {
          asked.add(scenario);
          int n = scenario.agentGroups().get(0).count();
          var figures =
              new org.switchboard.acd.api.SimulationReport.QueueFigures(
                  "*", 1600, 1600, 0, 0.2, 5.0, 5.0, n == 14 ? 0.89 : 0.79, 0.0, 180.0);
          return new org.switchboard.acd.api.SimulationReport(
              Duration.ofHours(8), 1, 1, List.of(figures), figures, 0.7);
        });
    // 200 calls an hour of 180 s: A = 10 erlangs. Erlang C: C(13) = 0.2853, SL(13) = 79.6 %,
    // C(14) = 0.1741, SL(14) = 88.8 %: 14 agents for 80 % in 20 s.
    ReportResult r = run(report, Map.of("contactsPerHour", "200", "handleTime", "PT3M"), data);
    assertThat(r.title()).endsWith("14 agents");
    int row13 = -1;
    for (int i = 0; i < r.rows().size(); i++) {
      if (r.rows().get(i).get(0).equals(13L)) {
        row13 = i;
      }
    }
    assertThat((Double) cell(r, row13, "probabilityOfWait"))
        .isCloseTo(0.2853, org.assertj.core.api.Assertions.within(5e-4));
    assertThat((Double) cell(r, row13, "serviceLevel"))
        .isCloseTo(0.7956, org.assertj.core.api.Assertions.within(5e-4));
    assertThat(cell(r, row13, "meetsTarget")).isEqualTo("no");
    assertThat(cell(r, row13 + 1, "meetsTarget")).isEqualTo("recommended");
    assertThat((Double) cell(r, row13 + 1, "serviceLevel"))
        .isCloseTo(0.8884, org.assertj.core.api.Assertions.within(5e-4));
    assertThat(cell(r, row13 + 1, "simulatedServiceLevel")).isEqualTo(0.89);
    assertThat(cell(r, row13, "simulatedServiceLevel")).isEqualTo(0.79);
    assertThat(cell(r, row13 + 2, "simulatedServiceLevel")).isNull();
    assertThat(asked).hasSize(2);
    assertThat(asked.get(0).queues().get(0).arrivalsPerHour()).isEqualTo(200.0);
    assertThat(r.formulas().get("load")).contains("10.00 erlangs");

    ReportResult plain =
        run(report, Map.of("contactsPerHour", "200", "handleTime", "180", "simulate", "no"), data);
    assertThat(cell(plain, row13 + 1, "simulatedServiceLevel")).isNull();
    assertThatThrownBy(
            () -> run(report, Map.of("contactsPerHour", "0", "handleTime", "PT3M"), data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("contactsPerHour");
    assertThatThrownBy(
            () ->
                run(
                    report,
                    Map.of("contactsPerHour", "200", "handleTime", "PT3M", "target", "100"),
                    data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("target");
  }

  private void contact(String customer, String queue, Instant queued, int visit) {
    visits.add(
        new QueueVisit(
            "f" + visits.size(),
            visit,
            "voice",
            queue,
            customer,
            queued,
            null,
            queued.plusSeconds(10),
            "a1",
            queued.plusSeconds(300),
            queued.plusSeconds(600),
            Outcome.ANSWERED,
            Duration.ZERO,
            0,
            "resolved"));
  }

  @Test
  void aContactIsResolvedWhenTheCustomerDoesNotComeBackWithinTheWindow() {
    Instant day0 = Instant.parse("2026-12-01T10:00:00Z");
    contact("X", "support", day0, 1);
    contact("X", "sales", day0.plus(Duration.ofHours(23)), 1); // back next day, in another queue
    contact("Y", "support", day0.plusSeconds(60), 1);
    contact("Y", "sales", day0.plusSeconds(120), 2); // a transfer, not a new contact
    contact("Z", "support", day0.plusSeconds(180), 1);
    contact("Z", "support", day0.plus(Duration.ofDays(5)), 1); // outside the 3 days
    contact(null, "support", day0.plusSeconds(240), 1); // unknown customer: not counted
    visits.sort(java.util.Comparator.comparing(QueueVisit::queuedAt));

    ReportResult r =
        run(
            new FirstContactResolutionReport(),
            Map.of("from", "2026-12-01T00:00:00Z", "to", "2026-12-02T00:00:00Z"),
            data);

    assertThat(r.rows()).hasSize(1);
    assertThat(cell(r, 0, "queue")).isEqualTo("support");
    assertThat(cell(r, 0, "contacts")).isEqualTo(3L); // X, Y, Z
    assertThat(cell(r, 0, "repeated")).isEqualTo(1L); // X came back
    assertThat((Double) cell(r, 0, "firstContactResolution")).isEqualTo(2 / 3.0);

    ReportResult narrow =
        run(
            new FirstContactResolutionReport(),
            Map.of(
                "from",
                "2026-12-01T00:00:00Z",
                "to",
                "2026-12-02T00:00:00Z",
                "repeatWindow",
                "PT12H"),
            data);
    assertThat(cell(narrow, 0, "repeated")).isEqualTo(0L);
    assertThatThrownBy(
            () ->
                run(
                    new FirstContactResolutionReport(),
                    Map.of(
                        "from",
                        "2026-12-01T00:00:00Z",
                        "to",
                        "2026-12-02T00:00:00Z",
                        "repeatWindow",
                        "P40D"),
                    data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("31 days");
  }

  @Test
  void badParametersGetClearErrors() {
    Report r = new QueueIntervalReport();
    assertThatThrownBy(
            () ->
                run(r, Map.of("from", "2026-12-01T09:00:00Z", "to", "2026-12-01T08:00:00Z"), data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("after from");
    assertThatThrownBy(
            () ->
                run(r, Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-12-01T00:00:00Z"), data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("93 days");
    assertThatThrownBy(
            () -> run(r, Map.of("from", "yesterday", "to", "2026-12-01T00:00:00Z"), data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(
            () ->
                run(
                    r,
                    Map.of(
                        "from",
                        "2026-12-01T00:00:00Z",
                        "to",
                        "2026-12-02T00:00:00Z",
                        "zone",
                        "Mars/Olympus"),
                    data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("time zone");
    assertThatThrownBy(
            () ->
                run(
                    r,
                    Map.of(
                        "from",
                        "2026-12-01T00:00:00Z",
                        "to",
                        "2026-12-02T00:00:00Z",
                        "interval",
                        "7"),
                    data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("[15, 30, 60]");
    assertThatThrownBy(
            () ->
                run(
                    r,
                    Map.of(
                        "from",
                        "2026-12-01T00:00:00Z",
                        "to",
                        "2026-12-02T00:00:00Z",
                        "colour",
                        "red"),
                    data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown parameter");
    assertThatThrownBy(() -> run(r, Map.of("to", "2026-12-02T00:00:00Z"), data))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("from");
  }

  @Test
  void abandonsAreBucketedByHowLongTheyWaited() {
    abandoned("support", 1, 3);
    abandoned("support", 2, 7);
    abandoned("support", 3, 45);
    abandoned("support", 4, 400);
    ReportResult r =
        run(
            new AbandonmentReport(),
            Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z"),
            data);
    assertThat(r.rows()).hasSize(AbandonmentReport.BOUNDS.length + 1);
    assertThat(cell(r, 0, "waited")).isEqualTo("0-5 s");
    assertThat(cell(r, 0, "short")).isEqualTo(1L);
    assertThat(cell(r, 1, "abandoned")).isEqualTo(1L);
    assertThat(cell(r, 4, "abandoned")).isEqualTo(1L); // 30-60 s
    assertThat(cell(r, 4, "cumulative")).isEqualTo(0.75);
    assertThat(cell(r, 7, "waited")).isEqualTo("300 s or more");
    assertThat(cell(r, 7, "cumulative")).isEqualTo(1.0);
  }

  @Test
  void dispositionsAndChannelsShareTheAnsweredContacts() {
    answered("support", "voice", 1, 10, "resolved");
    answered("support", "voice", 2, 10, "resolved");
    answered("support", "chat", 3, 10, "complaint");
    answered("support", "chat", 4, 10, null);
    abandoned("support", 5, 30);
    Map<String, String> day = Map.of("from", "2026-12-01T08:00:00Z", "to", "2026-12-01T09:00:00Z");
    ReportResult d = run(new DispositionReport(), day, data);
    assertThat(d.rows())
        .extracting(row -> row.get(0))
        .containsExactly("(none)", "complaint", "resolved");
    assertThat(cell(d, 2, "contacts")).isEqualTo(2L);
    assertThat(cell(d, 2, "share")).isEqualTo(0.5);
    assertThat(cell(d, 2, "averageHandleTime")).isEqualTo(70.0);

    ReportResult c = run(new ChannelMixReport(), day, data);
    assertThat(c.rows()).extracting(row -> row.get(0)).containsExactly("chat", "voice");
    assertThat(cell(c, 0, "share")).isEqualTo(0.4);
    assertThat(cell(c, 1, "offered")).isEqualTo(3L);
    assertThat(cell(c, 1, "abandoned")).isEqualTo(1L);
  }
}
