package org.switchboard.acd.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandleTimesTest {

  @Test
  void aQueueWithoutHistoryHasNoEstimate() {
    HandleTimes times = new HandleTimes();
    assertThat(times.average("support")).isEmpty();
    assertThat(times.expectedWait("support", 3, 2, 0)).isEmpty();
  }

  @Test
  void theFirstInteractionSetsTheAverageAndLaterOnesMoveItByTheirWeight() {
    HandleTimes times = new HandleTimes();
    times.handled("support", Duration.ofSeconds(200));
    assertThat(times.average("support")).contains(Duration.ofSeconds(200));
    times.handled("support", Duration.ofSeconds(300));
    assertThat(times.average("support")).contains(Duration.ofSeconds(210)); // 200 + 0.1 * 100
    assertThat(times.average("billing")).isEmpty();
  }

  @Test
  void theLineAheadClearsAtOneContactPerHandleTimePerEligibleAgent() {
    HandleTimes times = new HandleTimes();
    times.handled("support", Duration.ofMinutes(4));
    assertThat(times.expectedWait("support", 3, 2, 0)).contains(Duration.ofMinutes(6));
    assertThat(times.expectedWait("support", 1, 1, 0)).contains(Duration.ofMinutes(4));
  }

  @Test
  void aFreeAgentMeansNoWaitAndNoAgentMeansNoPromise() {
    HandleTimes times = new HandleTimes();
    times.handled("support", Duration.ofMinutes(4));
    assertThat(times.expectedWait("support", 5, 3, 1)).contains(Duration.ZERO);
    assertThat(times.expectedWait("support", 5, 0, 0)).isEmpty();
  }

  @Test
  void negativeAndAbsurdDurationsAreIgnored() {
    HandleTimes times = new HandleTimes();
    times.handled("support", Duration.ofSeconds(-5));
    times.handled("support", Duration.ofDays(2));
    times.handled(null, Duration.ofSeconds(10));
    assertThat(times.average("support")).isEmpty();
  }
}
