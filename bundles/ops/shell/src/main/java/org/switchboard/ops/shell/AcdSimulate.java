package org.switchboard.ops.shell;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.SimulationScenario.Distribution;
import org.switchboard.acd.api.Simulator;

/**
 * {@code switchboard:acd-simulate}: "what happens with 40 agents and 600 calls per hour" for one
 * queue, answered by the routing engine in virtual time. For several queues and skills use the REST
 * API ({@code POST /api/v1/acd/simulations}).
 */
@Service
@Command(
    scope = "switchboard",
    name = "acd-simulate",
    description =
        "Simulates one queue in virtual time: agents, calls per hour, handle time, patience")
public class AcdSimulate implements Action {
  @Reference Simulator simulator;

  @Option(name = "--agents", description = "Number of agents (default 40)")
  int agents = 40;

  @Option(name = "--calls-per-hour", description = "Mean arrivals per hour (default 600)")
  double callsPerHour = 600;

  @Option(name = "--aht", description = "Mean handle time in seconds, exponential (default 180)")
  long handleSeconds = 180;

  @Option(
      name = "--patience",
      description = "Mean patience in seconds, exponential; 0 = never abandon")
  long patienceSeconds = 0;

  @Option(name = "--hours", description = "Simulated hours (default 24)")
  long hours = 24;

  @Option(name = "--sl", description = "Service-level threshold in seconds (default 20)")
  long serviceLevelSeconds = 20;

  @Option(name = "--seed", description = "Random seed (default 1)")
  long seed = 1;

  @Override
  public Object execute() throws Exception {
    return Output.guarded(
        System.out,
        () -> {
          SimulationReport r =
              simulator.run(
                  new SimulationScenario(
                      seed,
                      Duration.ofHours(hours),
                      Duration.ofHours(hours).dividedBy(24),
                      List.of(
                          new SimulationScenario.QueueLoad(
                              "queue",
                              "voice",
                              callsPerHour,
                              Distribution.exponential(Duration.ofSeconds(handleSeconds)),
                              patienceSeconds > 0
                                  ? Distribution.exponential(Duration.ofSeconds(patienceSeconds))
                                  : null,
                              50,
                              Duration.ofSeconds(serviceLevelSeconds),
                              List.of(),
                              null)),
                      List.of(
                          new SimulationScenario.AgentGroup(
                              agents, Map.of(), Map.of("voice", 1)))));
          SimulationReport.QueueFigures t = r.total();
          System.out.printf(
              "%d agents, %.0f calls/h, AHT %ds, %s patience, %dh simulated (%d events)%n",
              agents,
              callsPerHour,
              handleSeconds,
              patienceSeconds > 0 ? patienceSeconds + "s" : "infinite",
              hours,
              r.events());
          System.out.printf(
              "arrived %d, answered %d, abandoned %d (%.1f%%)%n",
              t.arrived(), t.answered(), t.abandoned(), 100 * t.abandonRate());
          System.out.printf(
              "P(wait) %.1f%%, ASA %.1fs, service level %.1f%% in %ds, occupancy %.1f%%%n",
              100 * t.probabilityOfWait(),
              t.averageSpeedOfAnswerSeconds(),
              100 * t.serviceLevel(),
              serviceLevelSeconds,
              100 * r.agentOccupancy());
          return null;
        });
  }
}
