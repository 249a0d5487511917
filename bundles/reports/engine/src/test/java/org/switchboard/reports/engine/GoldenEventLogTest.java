package org.switchboard.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.api.event.EventHistory;
import org.switchboard.core.api.event.SwitchboardEvent;
import org.switchboard.core.api.queue.QueueService;
import org.switchboard.platform.db.internal.FlywaySchemaMigrations;
import org.switchboard.reports.api.MetricSettings;
import org.switchboard.reports.api.QueueFigures;
import org.switchboard.reports.api.QueueMetrics;
import org.switchboard.reports.api.QueueVisit;
import org.switchboard.reports.api.QueueVisit.Outcome;
import org.switchboard.reports.api.ServiceLevel;

/**
 * A fixed event log, written here as the core writes it, projected into queue visits and counted;
 * every expected figure is worked out by hand below. Times are seconds after 09:00 UTC.
 *
 * <pre>
 * support (voice; T = 20 s, S = 5 s)
 *   c1  queued 0, accepted 8 (a1), held 30-45, ended 100, completed 130     wait 8, talk 77, hold 15, wrap 30
 *   c2  queued 10, abandoned 13                                             short abandon (3 s)
 *   c3  queued 20, abandoned 35                                             abandon within T (15 s)
 *   c4  queued 30, abandoned 90                                             abandon (60 s)
 *   c5  queued 40, callback asked 55, accepted 200 (a1), ended 260, done 270 callback; talk 60, wrap 10
 *   c6  queued 50, accepted 75 (a2), transferred to sales 120               wait 25 (over T), talk 45
 *   c9  queued 80, offered a2, declined 97, accepted 100 (a1), ended 160,
 *       completed 165                                                       wait 20 (= T), talk 60, wrap 5
 * sales (voice and chat)
 *   c6  visit 2: queued 120, accepted 130 (a3), ended 190, completed 200    wait 10, talk 60, wrap 10
 *   c7  chat: queued 60, accepted 64 (a3), ended 300, completed 310         wait 4, talk 236, wrap 10
 *   c8  chat: queued 70, accepted 75 (a3, beside c7), ended 200, done 200   wait 5, talk 125
 * </pre>
 */
class GoldenEventLogTest {
  private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
  private static final String I = "org.switchboard.interaction.";

  private final List<SwitchboardEvent> log = new ArrayList<>();
  private JdbcDataSource db;

  private void event(
      String type, String id, long second, String state, String queue, String agent) {
    event(type, id, second, state, queue, agent, "voice", null);
  }

  private void event(
      String type,
      String id,
      long second,
      String state,
      String queue,
      String agent,
      String channel,
      String disposition) {
    String interaction =
        "{\"id\":\""
            + id
            + "\",\"channel\":\""
            + channel
            + "\",\"state\":\""
            + state
            + "\""
            + (queue == null ? "" : ",\"queue\":\"" + queue + "\"")
            + (agent == null ? "" : ",\"agent\":\"" + agent + "\"")
            + (disposition == null ? "" : ",\"disposition\":{\"code\":\"" + disposition + "\"}")
            + "}";
    String data =
        "{\"interaction\":"
            + interaction
            + (agent == null ? "" : ",\"agent\":\"" + agent + "\"")
            + "}";
    log.add(
        new SwitchboardEvent(
            UUID.randomUUID().toString(),
            log.size() + 1,
            I + type,
            id,
            NINE.plusSeconds(second),
            data));
  }

  private void call(
      String id, long queued, long accepted, String agent, long ended, long completed) {
    event("queued", id, queued, "QUEUED", "support", null);
    event("offered", id, accepted - 1, "OFFERED", "support", agent);
    event("accepted", id, accepted, "CONNECTED", "support", agent);
    event("conversation-ended", id, ended, "WRAP_UP", "support", agent);
    event("completed", id, completed, "CLOSED", "support", agent, "voice", "resolved");
  }

  @BeforeEach
  void writeTheLog() {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:reports-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    event("opened", "c1", 0, "NEW", null, null);
    event("queued", "c1", 0, "QUEUED", "support", null);
    event("offered", "c1", 2, "OFFERED", "support", "a1");
    event("accepted", "c1", 8, "CONNECTED", "support", "a1");
    event("held", "c1", 30, "HELD", "support", "a1");
    event("resumed", "c1", 45, "CONNECTED", "support", "a1");
    event("conversation-ended", "c1", 100, "WRAP_UP", "support", "a1");
    event("completed", "c1", 130, "CLOSED", "support", "a1", "voice", "resolved");
    event("queued", "c2", 10, "QUEUED", "support", null);
    event("abandoned", "c2", 13, "ABANDONED", "support", null);
    event("queued", "c3", 20, "QUEUED", "support", null);
    event("abandoned", "c3", 35, "ABANDONED", "support", null);
    event("queued", "c4", 30, "QUEUED", "support", null);
    event("abandoned", "c4", 90, "ABANDONED", "support", null);
    event("queued", "c5", 40, "QUEUED", "support", null);
    event("callback-requested", "c5", 55, "QUEUED", "support", null);
    event("accepted", "c5", 200, "CONNECTED", "support", "a1");
    event("conversation-ended", "c5", 260, "WRAP_UP", "support", "a1");
    event("completed", "c5", 270, "CLOSED", "support", "a1", "voice", "resolved");
    event("queued", "c6", 50, "QUEUED", "support", null);
    event("accepted", "c6", 75, "CONNECTED", "support", "a2");
    event("transferred", "c6", 120, "QUEUED", "sales", null);
    event("offered", "c6", 128, "OFFERED", "sales", "a3");
    event("accepted", "c6", 130, "CONNECTED", "sales", "a3");
    event("conversation-ended", "c6", 190, "WRAP_UP", "sales", "a3");
    event("completed", "c6", 200, "CLOSED", "sales", "a3", "voice", "complaint");
    event("queued", "c7", 60, "QUEUED", "sales", null, "chat", null);
    event("accepted", "c7", 64, "CONNECTED", "sales", "a3", "chat", null);
    event("queued", "c8", 70, "QUEUED", "sales", null, "chat", null);
    event("accepted", "c8", 75, "CONNECTED", "sales", "a3", "chat", null);
    event("queued", "c9", 80, "QUEUED", "support", null);
    event("offered", "c9", 82, "OFFERED", "support", "a2");
    event("declined", "c9", 97, "QUEUED", "support", null);
    event("offered", "c9", 98, "OFFERED", "support", "a1");
    event("accepted", "c9", 100, "CONNECTED", "support", "a1");
    event("conversation-ended", "c9", 160, "WRAP_UP", "support", "a1");
    event("completed", "c9", 165, "CLOSED", "support", "a1", "voice", "resolved");
    event("conversation-ended", "c8", 200, "WRAP_UP", "sales", "a3", "chat", null);
    event("completed", "c8", 200, "CLOSED", "sales", "a3", "chat", "resolved");
    event("conversation-ended", "c7", 300, "WRAP_UP", "sales", "a3", "chat", null);
    event("completed", "c7", 310, "CLOSED", "sales", "a3", "chat", "resolved");
    event("state-changed", "a1", 311, "READY", null, null); // an agent event: no visit
    log.add(
        new SwitchboardEvent(
            UUID.randomUUID().toString(), 0, I + "held", "c1", NINE.plusSeconds(312), "{not json"));
    log.sort(java.util.Comparator.comparing(SwitchboardEvent::time));
    List<SwitchboardEvent> renumbered = new ArrayList<>();
    for (SwitchboardEvent e : log) {
      renumbered.add(
          new SwitchboardEvent(
              e.id(), renumbered.size() + 1, e.type(), e.subject(), e.time(), e.data()));
    }
    log.clear();
    log.addAll(renumbered);
  }

  private ReportFacts facts() {
    EventHistory history =
        new EventHistory() {
          @Override
          public List<SwitchboardEvent> after(long sequence, int limit) {
            return log.stream().filter(e -> e.sequence() > sequence).limit(limit).toList();
          }

          @Override
          public long lastSequence() {
            return log.size();
          }
        };
    QueueService queues =
        (QueueService)
            Proxy.newProxyInstance(
                QueueService.class.getClassLoader(),
                new Class<?>[] {QueueService.class},
                (proxy, method, args) -> method.getName().equals("find") ? Optional.empty() : null);
    return new ReportFacts(db, new FlywaySchemaMigrations(), history, queues, config(1000));
  }

  static ReportsConfig config(long pollMillis) {
    return new ReportsConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return ReportsConfig.class;
      }

      @Override
      public int shortAbandonSeconds() {
        return 5;
      }

      @Override
      public String serviceLevel() {
        return "ABANDONS_AGAINST";
      }

      @Override
      public String[] queueServiceLevels() {
        return new String[] {"sales=ABANDONS_FOR"};
      }

      @Override
      public int defaultServiceLevelSeconds() {
        return 20;
      }

      @Override
      public long pollMillis() {
        return pollMillis;
      }

      @Override
      public String zone() {
        return "UTC";
      }

      @Override
      public int alertWaiting() {
        return 10;
      }

      @Override
      public int alertLongestWaitSeconds() {
        return 120;
      }
    };
  }

  private static List<QueueVisit> visits(ReportFacts facts, String queue) {
    List<QueueVisit> out = new ArrayList<>();
    facts.forEachVisit(NINE, NINE.plus(Duration.ofHours(1)), queue, out::add);
    return out;
  }

  private static QueueFigures figures(ReportFacts facts, String queue, ServiceLevel variant) {
    MetricSettings s = facts.settings(queue);
    return QueueMetrics.of(
        visits(facts, queue),
        new MetricSettings(s.serviceLevelThreshold(), s.shortAbandonThreshold(), variant));
  }

  @Test
  void theSupportQueueCountsAsWorkedOutByHand() throws Exception {
    ReportFacts facts = facts();
    try {
      assertThat(facts.catchUp()).isEqualTo(log.size());
      QueueFigures f = figures(facts, "support", ServiceLevel.ABANDONS_AGAINST);
      assertThat(f.offered()).isEqualTo(7); // c1 c2 c3 c4 c5 c6 c9
      assertThat(f.answered()).isEqualTo(4); // c1 c5 c6 c9
      assertThat(f.abandoned()).isEqualTo(2); // c3 c4
      assertThat(f.shortAbandoned()).isEqualTo(1); // c2
      assertThat(f.callbacks()).isEqualTo(1); // c5
      assertThat(f.transfers()).isEqualTo(1); // c6
      assertThat(f.waiting()).isZero();
      assertThat(f.abandonRate()).isCloseTo(2 / 6.0, within(1e-9));
      assertThat(f.averageSpeedOfAnswer()).isCloseTo((8 + 25 + 20) / 3.0, within(1e-9));
      assertThat(f.averageHandleTime()).isCloseTo((122 + 70 + 45 + 65) / 4.0, within(1e-9));
      assertThat(f.averageHoldTime()).isCloseTo(15 / 4.0, within(1e-9));
      assertThat(f.longestWait()).isEqualTo(160.0); // c5's callback, 40 to 200
      // Answered within 20 s: c1 (8), c9 (20); c6 waited 25. Abandoned within: c3.
      assertThat(f.serviceLevel()).isCloseTo(2 / 5.0, within(1e-9));
      assertThat(figures(facts, "support", ServiceLevel.ABANDONS_IGNORED).serviceLevel())
          .isCloseTo(2 / 3.0, within(1e-9));
      assertThat(figures(facts, "support", ServiceLevel.ABANDONS_FOR).serviceLevel())
          .isCloseTo(3 / 5.0, within(1e-9));
    } finally {
      facts.close();
    }
  }

  @Test
  void aTransferToAnotherQueueIsASecondVisitThere() throws Exception {
    ReportFacts facts = facts();
    try {
      facts.catchUp();
      List<QueueVisit> support = visits(facts, "support");
      QueueVisit first =
          support.stream().filter(v -> v.interactionId().equals("c6")).findFirst().orElseThrow();
      assertThat(first.outcome()).isEqualTo(Outcome.ANSWERED_THEN_TRANSFERRED);
      assertThat(first.talkTime()).isEqualTo(Duration.ofSeconds(45));
      assertThat(first.disposition()).isNull();

      List<QueueVisit> sales = visits(facts, "sales");
      QueueVisit second =
          sales.stream().filter(v -> v.interactionId().equals("c6")).findFirst().orElseThrow();
      assertThat(second.visit()).isEqualTo(2);
      assertThat(second.waitTime()).isEqualTo(Duration.ofSeconds(10));
      assertThat(second.agent()).isEqualTo("a3");
      assertThat(second.disposition()).isEqualTo("complaint");

      assertThat(facts.settings("sales").serviceLevel()).isEqualTo(ServiceLevel.ABANDONS_FOR);
      assertThat(facts.settings(null).serviceLevel()).isEqualTo(ServiceLevel.ABANDONS_AGAINST);
      QueueFigures f = QueueMetrics.of(sales, facts.settings("sales"));
      assertThat(f.offered()).isEqualTo(3); // c6 (2nd visit), c7, c8
      assertThat(f.serviceLevel()).isEqualTo(1.0);
      assertThat(f.averageSpeedOfAnswer()).isCloseTo((10 + 4 + 5) / 3.0, within(1e-9));
      assertThat(f.averageHandleTime()).isCloseTo((70 + 246 + 125) / 3.0, within(1e-9));
    } finally {
      facts.close();
    }
  }

  private void agentEvent(String type, String agent, long second, String state, String reason) {
    log.add(
        new SwitchboardEvent(
            UUID.randomUUID().toString(),
            log.size() + 1,
            "org.switchboard.agent." + type,
            agent,
            NINE.plusSeconds(second),
            "{\"agent\":{\"id\":\""
                + agent
                + "\",\"state\":\""
                + state
                + "\",\"reason\":\""
                + reason
                + "\"}}"));
  }

  @Test
  void agentEventsBecomeStateSpans() throws Exception {
    log.clear();
    agentEvent("logged-in", "a9", 0, "NOT_READY", "");
    agentEvent("state-changed", "a9", 10, "READY", "");
    agentEvent("updated", "a9", 50, "READY", ""); // same state: the span goes on
    agentEvent("state-changed", "a9", 100, "NOT_READY", "break");
    agentEvent("logged-out", "a9", 200, "LOGGED_OUT", "");
    ReportFacts facts = facts();
    try {
      facts.catchUp();
      List<org.switchboard.reports.api.AgentSpan> spans = new ArrayList<>();
      facts.forEachAgentSpan(NINE, NINE.plusSeconds(3600), "a9", spans::add);
      assertThat(spans)
          .extracting(
              s ->
                  s.state()
                      + " "
                      + s.reason()
                      + " "
                      + s.within(NINE, NINE.plusSeconds(3600)).toSeconds())
          .containsExactly(
              "NOT_READY null 10", "READY null 90", "NOT_READY break 100", "LOGGED_OUT null 3400");
      assertThat(spans.get(3).to()).isNull();
      List<org.switchboard.reports.api.AgentSpan> later = new ArrayList<>();
      facts.forEachAgentSpan(NINE.plusSeconds(150), NINE.plusSeconds(160), null, later::add);
      assertThat(later).extracting(s -> s.state().name()).containsExactly("NOT_READY");
    } finally {
      facts.close();
    }
  }

  @Test
  void projectingAgainOrInPiecesGivesTheSameFacts() throws Exception {
    List<SwitchboardEvent> all = firstOfTheDay(17);
    ReportFacts facts = facts();
    facts.catchUp();
    facts.close();
    log.clear();
    log.addAll(all);
    ReportFacts again = facts(); // a restart: continues after its stored cursor
    try {
      again.catchUp();
      assertThat(sameAfterRebuild(again, all.size())).hasSize(10);
    } finally {
      again.close();
    }
  }

  @Test
  void oneRunningProjectionCarriesItsOpenVisitsOverRoundsAndAFailedOne() throws Exception {
    List<SwitchboardEvent> all = firstOfTheDay(17);
    ReportFacts facts = facts();
    try {
      Instant at = all.get(17).time();
      log.add(interaction("queued", "c-new", 18, at, "QUEUED", "support"));
      facts.catchUp(); // c-new's visit is open now: the next rounds continue from the kept maps
      // A round that counts a transfer of c-new, then cannot store its second event (the queue
      // does not fit its column), fails and stores nothing. Tried again, the transfer counts once.
      log.add(interaction("transferred", "c-new", 19, at, "CONNECTED", "support"));
      log.add(interaction("queued", "c-bad", 20, at, "QUEUED", "q".repeat(65)));
      assertThatThrownBy(facts::catchUp).isInstanceOf(SQLException.class);
      assertThat(facts.upToSequence()).isEqualTo(18);
      log.remove(19); // the fault is gone; the rest of the day follows
      for (SwitchboardEvent e : all.subList(17, all.size())) {
        log.add(
            new SwitchboardEvent(
                e.id(), e.sequence() + 2, e.type(), e.subject(), e.time(), e.data()));
      }
      assertThat(facts.catchUp()).isEqualTo(all.size() + 2);
      List<QueueVisit> inRounds = sameAfterRebuild(facts, all.size() + 2);
      assertThat(inRounds).hasSize(11);
      assertThat(inRounds)
          .filteredOn(v -> v.interactionId().equals("c-new"))
          .extracting(QueueVisit::transfers)
          .containsExactly(1);
    } finally {
      facts.close();
    }
  }

  private static SwitchboardEvent interaction(
      String type, String id, long sequence, Instant at, String state, String queue) {
    return new SwitchboardEvent(
        UUID.randomUUID().toString(),
        sequence,
        I + type,
        id,
        at,
        "{\"interaction\":{\"id\":\""
            + id
            + "\",\"channel\":\"voice\",\"state\":\""
            + state
            + "\",\"queue\":\""
            + queue
            + "\"}}");
  }

  /** Leaves the first {@code n} events in the log; returns the whole day's. */
  private List<SwitchboardEvent> firstOfTheDay(int n) {
    List<SwitchboardEvent> all = List.copyOf(log);
    log.subList(n, log.size()).clear();
    return all;
  }

  /** The visits {@code facts} holds, checked equal to those of projecting the whole log again. */
  private static List<QueueVisit> sameAfterRebuild(ReportFacts facts, long events)
      throws SQLException {
    List<QueueVisit> before = visits(facts, null);
    assertThat(facts.rebuild()).isEqualTo(events);
    assertThat(visits(facts, null)).isEqualTo(before);
    return before;
  }
}
