package org.switchboard.acd.impl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.acd.api.RoutingStrategy;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.SimulationScenario.AgentGroup;
import org.switchboard.acd.api.SimulationScenario.Distribution;
import org.switchboard.acd.api.SimulationScenario.QueueLoad;
import org.switchboard.acd.strategies.LongestIdle;

/**
 * The simulator (and so the routing engine) against queueing theory. Each check runs independent
 * replications (different seeds) and asserts that (a) the replications' mean lies within the
 * tolerance of the formula and (b) the 99% confidence half-width of that mean is itself smaller
 * than the tolerance, so a pass is not luck.
 */
class QueueingTheoryTest {
  private static final RoutingStrategy LONGEST_IDLE = new LongestIdle();
  private static final int REPLICATIONS = 10;
  private static final double Z99 = 2.576;

  // M/M/10: 170 calls/hour... per agent handle time 180 s -> offered load 8.5 Erlangs (85% busy).
  private static final int AGENTS = 10;
  private static final double CALLS_PER_HOUR = 170;
  private static final Duration HANDLE = Duration.ofSeconds(180);
  private static final Duration SIMULATED = Duration.ofDays(60);

  @Test
  void erlangC_probabilityOfWait_asa_andServiceLevel() {
    double lambda = CALLS_PER_HOUR / 3600.0;
    double mu = 1.0 / HANDLE.toSeconds();
    double pw = QueueingTheory.erlangC(AGENTS, lambda / mu);
    double asa = QueueingTheory.erlangCMeanWait(AGENTS, lambda, mu);
    double sl = QueueingTheory.erlangCServiceLevel(AGENTS, lambda, mu, 20);

    List<SimulationReport> runs = replicate(null);
    Stats waitP = Stats.of(runs, r -> r.total().probabilityOfWait());
    Stats meanWait = Stats.of(runs, r -> r.total().averageWaitSeconds());
    Stats service = Stats.of(runs, r -> r.total().serviceLevel());

    System.out.printf(
        "M/M/%d, %.0f calls/h, AHT %ds, %d x %d days: P(wait) %.4f +- %.4f (Erlang C %.4f),"
            + " ASA %.2f +- %.2f s (%.2f), SL20 %.4f +- %.4f (%.4f)%n",
        AGENTS,
        CALLS_PER_HOUR,
        HANDLE.toSeconds(),
        REPLICATIONS,
        SIMULATED.toDays(),
        waitP.mean(),
        waitP.halfWidth(),
        pw,
        meanWait.mean(),
        meanWait.halfWidth(),
        asa,
        service.mean(),
        service.halfWidth(),
        sl);
    assertThat(waitP.mean()).as("P(wait) vs Erlang C %.4f", pw).isCloseTo(pw, within(0.01));
    assertThat(waitP.halfWidth()).isLessThan(0.01);
    assertThat(meanWait.mean())
        .as("ASA vs Erlang C %.2f s", asa)
        .isCloseTo(asa, within(asa * 0.05));
    assertThat(meanWait.halfWidth()).isLessThan(asa * 0.05);
    assertThat(service.mean()).as("SL(20 s) vs Erlang C %.4f", sl).isCloseTo(sl, within(0.01));
    assertThat(service.halfWidth()).isLessThan(0.01);
    assertThat(runs.get(0).agentOccupancy()).isCloseTo(lambda / mu / AGENTS, within(0.01));
  }

  @Test
  void erlangA_withExponentialPatience() {
    double lambda = 200 / 3600.0; // overloaded without abandonment: 10 Erlangs on 10 agents
    double mu = 1.0 / HANDLE.toSeconds();
    double theta = 1.0 / 120; // mean patience 2 minutes
    double[] theory = QueueingTheory.erlangA(AGENTS, lambda, mu, theta);

    List<SimulationReport> runs = replicate(Distribution.exponential(Duration.ofSeconds(120)), 200);
    Stats waitP = Stats.of(runs, r -> r.total().probabilityOfWait());
    Stats abandon = Stats.of(runs, r -> r.total().abandonRate());
    System.out.printf(
        "M/M/%d+M, 200 calls/h, AHT %ds, patience 120 s: P(wait) %.4f +- %.4f (Erlang A %.4f),"
            + " P(abandon) %.4f +- %.4f (%.4f)%n",
        AGENTS,
        HANDLE.toSeconds(),
        waitP.mean(),
        waitP.halfWidth(),
        theory[0],
        abandon.mean(),
        abandon.halfWidth(),
        theory[1]);

    assertThat(waitP.mean())
        .as("P(wait) vs Erlang A %.4f", theory[0])
        .isCloseTo(theory[0], within(0.01));
    assertThat(waitP.halfWidth()).isLessThan(0.01);
    assertThat(abandon.mean())
        .as("P(abandon) vs Erlang A %.4f", theory[1])
        .isCloseTo(theory[1], within(0.01));
    assertThat(abandon.halfWidth()).isLessThan(0.01);
  }

  private static List<SimulationReport> replicate(Distribution patience) {
    return replicate(patience, CALLS_PER_HOUR);
  }

  private static List<SimulationReport> replicate(Distribution patience, double callsPerHour) {
    List<SimulationReport> runs = new ArrayList<>();
    for (int seed = 1; seed <= REPLICATIONS; seed++) {
      SimulationScenario scenario =
          new SimulationScenario(
              seed,
              SIMULATED,
              Duration.ofDays(1),
              List.of(
                  new QueueLoad(
                      "q",
                      "voice",
                      callsPerHour,
                      Distribution.exponential(HANDLE),
                      patience,
                      50,
                      Duration.ofSeconds(20),
                      List.of(),
                      null)),
              List.of(new AgentGroup(AGENTS, Map.of(), Map.of("voice", 1))));
      runs.add(VirtualTimeSimulation.run(scenario, id -> LONGEST_IDLE));
    }
    return runs;
  }

  /** Mean and 99% confidence half-width over replications. */
  private record Stats(double mean, double halfWidth) {
    static Stats of(
        List<SimulationReport> runs, java.util.function.ToDoubleFunction<SimulationReport> f) {
      double[] x = runs.stream().mapToDouble(f).toArray();
      double mean = java.util.Arrays.stream(x).average().orElseThrow();
      double var =
          java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
      return new Stats(mean, Z99 * Math.sqrt(var / x.length));
    }
  }
}
