package org.switchboard.reports.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.reports.api.QueueVisit.Outcome;

/** Nine visits of one queue whose figures are worked out by hand in the comments. */
class QueueMetricsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static QueueVisit visit(
      int n,
      Instant callback,
      Long answered,
      Long ended,
      Long completed,
      Outcome outcome,
      long holdSeconds) {
    return new QueueVisit(
        "i" + n,
        1,
        "voice",
        "support",
        null,
        T0,
        callback,
        answered == null ? null : at(answered),
        answered == null ? null : "agent1",
        ended == null ? null : at(ended),
        completed == null ? null : at(completed),
        outcome,
        Duration.ofSeconds(holdSeconds),
        outcome == Outcome.ANSWERED_THEN_TRANSFERRED ? 1 : 0,
        null);
  }

  /**
   * Waits and handling, all from T0: (1) answered at 10 s, 100 s talk + 20 s hold, 30 s wrap; (2)
   * answered at 30 s, 60 s talk; (3) abandoned at 3 s (short); (4) abandoned at 15 s; (5) abandoned
   * at 40 s; (6) callback asked at 50 s, answered at 300 s, 50 s talk, 10 s wrap; (7) moved to
   * another queue at 25 s; (8) answered at 5 s, transferred on after 45 s; (9) still waiting.
   */
  private static final List<QueueVisit> VISITS =
      List.of(
          visit(1, null, 10L, 130L, 160L, Outcome.ANSWERED, 20),
          visit(2, null, 30L, 90L, 90L, Outcome.ANSWERED, 0),
          visit(3, null, null, 3L, null, Outcome.ABANDONED, 0),
          visit(4, null, null, 15L, null, Outcome.ABANDONED, 0),
          visit(5, null, null, 40L, null, Outcome.ABANDONED, 0),
          visit(6, at(50), 300L, 350L, 360L, Outcome.ANSWERED, 0),
          visit(7, null, null, 25L, null, Outcome.TRANSFERRED, 0),
          visit(8, null, 5L, 50L, null, Outcome.ANSWERED_THEN_TRANSFERRED, 0),
          visit(9, null, null, null, null, Outcome.WAITING, 0));

  private static QueueFigures figures(ServiceLevel variant) {
    return QueueMetrics.of(
        VISITS, new MetricSettings(Duration.ofSeconds(20), Duration.ofSeconds(5), variant));
  }

  @Test
  void countsFollowTheDefinitions() {
    QueueFigures f = figures(ServiceLevel.ABANDONS_AGAINST);
    assertThat(f.offered()).isEqualTo(9);
    assertThat(f.answered()).isEqualTo(4); // 1, 2, 6, 8
    assertThat(f.abandoned()).isEqualTo(2); // 4, 5
    assertThat(f.shortAbandoned()).isEqualTo(1); // 3
    assertThat(f.callbacks()).isEqualTo(1); // 6
    assertThat(f.transferredOut()).isEqualTo(1); // 7
    assertThat(f.transfers()).isEqualTo(1); // 8
    assertThat(f.waiting()).isEqualTo(1); // 9
    assertThat(f.answeredWithinThreshold()).isEqualTo(2); // 1 (10 s), 8 (5 s)
    assertThat(f.abandonedWithinThreshold()).isEqualTo(1); // 4 (15 s)
  }

  @Test
  void eachServiceLevelVariantCountsAbandonsItsWay() {
    // Callback 6 and short abandon 3 are left out: answered 1, 2, 8; abandoned 4, 5.
    assertThat(figures(ServiceLevel.ABANDONS_IGNORED).serviceLevel())
        .isCloseTo(2 / 3.0, within(1e-9));
    assertThat(figures(ServiceLevel.ABANDONS_AGAINST).serviceLevel())
        .isCloseTo(2 / 5.0, within(1e-9));
    assertThat(figures(ServiceLevel.ABANDONS_FOR).serviceLevel()).isCloseTo(3 / 5.0, within(1e-9));
  }

  @Test
  void timesAreAveragedOverWhatTheyApplyTo() {
    QueueFigures f = figures(ServiceLevel.ABANDONS_AGAINST);
    assertThat(f.abandonRate()).isCloseTo(2 / 8.0, within(1e-9));
    assertThat(f.averageSpeedOfAnswer()).isCloseTo((10 + 30 + 5) / 3.0, within(1e-9));
    // Handled 1, 2, 6, 8: talk 100 + 60 + 50 + 45, hold 20, wrap 30 + 10.
    assertThat(f.averageHandleTime()).isCloseTo((150 + 60 + 60 + 45) / 4.0, within(1e-9));
    assertThat(f.averageTalkTime()).isCloseTo(255 / 4.0, within(1e-9));
    assertThat(f.averageHoldTime()).isCloseTo(20 / 4.0, within(1e-9));
    assertThat(f.averageWrapTime()).isCloseTo(40 / 4.0, within(1e-9));
    assertThat(f.longestWait()).isEqualTo(300.0);
  }

  @Test
  void nothingToDivideByIsNullNotZero() {
    QueueFigures f = QueueMetrics.of(List.of(), MetricSettings.DEFAULT);
    assertThat(f.offered()).isZero();
    assertThat(f.serviceLevel()).isNull();
    assertThat(f.averageSpeedOfAnswer()).isNull();
    assertThat(f.longestWait()).isNull();
  }

  @Test
  void theFormulasNameTheThresholds() {
    var formulas =
        QueueMetrics.formulas(
            new MetricSettings(
                Duration.ofSeconds(30), Duration.ofSeconds(8), ServiceLevel.ABANDONS_FOR));
    assertThat(formulas.get("serviceLevel"))
        .contains("answered within 30 s + abandoned within 30 s")
        .contains("ABANDONS_FOR");
    assertThat(formulas.get("shortAbandoned")).contains("8 s");
  }
}
