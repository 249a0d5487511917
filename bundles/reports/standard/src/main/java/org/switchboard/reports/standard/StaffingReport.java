package org.switchboard.reports.standard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.Simulator;
import org.switchboard.core.api.ValidationException;
import org.switchboard.reports.api.Report;
import org.switchboard.reports.api.ReportData;
import org.switchboard.reports.api.ReportDefinition;
import org.switchboard.reports.api.ReportParameter;
import org.switchboard.reports.api.ReportParameter.Type;
import org.switchboard.reports.api.ReportRequest;
import org.switchboard.reports.api.ReportResult;
import org.switchboard.reports.api.ReportResult.Column;
import org.switchboard.reports.api.ReportResult.Kind;

/**
 * The Erlang C staffing calculator: how many agents a volume and handle time need for a service
 * level target. When the ACD's simulator is installed, the recommended staffing (and one agent
 * fewer) is also run through the production routing engine in virtual time, as a check of the
 * formula's assumptions.
 */
@Component(service = Report.class)
public class StaffingReport implements Report {
  static final int MAX_AGENTS = 2000;

  private static final ReportDefinition DEFINITION =
      new ReportDefinition(
          "erlang-c",
          "Staffing calculator (Erlang C)",
          "Agents needed for a target service level, given the contacts per hour and the average"
              + " handle time; checked with the ACD simulator when it is installed.",
          List.of(
              ReportParameter.of("contactsPerHour", "Contacts per hour", Type.INTEGER, true, null),
              ReportParameter.of("handleTime", "Average handle time", Type.DURATION, true, null),
              ReportParameter.of("threshold", "Answered within", Type.DURATION, false, "PT20S"),
              ReportParameter.of("target", "Target service level (%)", Type.INTEGER, false, "80"),
              new ReportParameter(
                  "simulate",
                  "Check with the simulator",
                  Type.CHOICE,
                  false,
                  "yes",
                  List.of("yes", "no"))));

  private static final List<Column> COLUMNS =
      List.of(
          new Column("agents", "Agents", Kind.COUNT),
          new Column("occupancy", "Occupancy", Kind.RATIO),
          new Column("probabilityOfWait", "P(wait)", Kind.RATIO),
          new Column("serviceLevel", "Service level", Kind.RATIO),
          new Column("averageSpeedOfAnswer", "ASA (s)", Kind.SECONDS),
          new Column("meetsTarget", "Meets target", Kind.TEXT),
          new Column("simulatedServiceLevel", "Simulated service level", Kind.RATIO),
          new Column("simulatedAverageSpeedOfAnswer", "Simulated ASA (s)", Kind.SECONDS));

  private volatile Simulator simulator;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void setSimulator(Simulator s) {
    this.simulator = s;
  }

  void unsetSimulator(Simulator s) {
    if (simulator == s) {
      simulator = null;
    }
  }

  @Override
  public ReportDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ReportResult run(ReportRequest request, ReportData data) {
    long perHour = request.integer("contactsPerHour", 0);
    Duration aht = request.duration("handleTime", Duration.ZERO);
    Duration threshold = request.duration("threshold", Duration.ofSeconds(20));
    long target = request.integer("target", 80);
    if (perHour < 1 || perHour > 100_000) {
      throw new ValidationException("contactsPerHour", "must be 1 to 100,000");
    }
    if (aht.toSeconds() < 1 || aht.compareTo(Duration.ofHours(4)) > 0) {
      throw new ValidationException("handleTime", "must be 1 s to 4 h");
    }
    if (target < 1 || target > 99) {
      throw new ValidationException("target", "must be 1 to 99 (%)");
    }
    double ahtSeconds = aht.toMillis() / 1000.0;
    double erlangs = perHour / 3600.0 * ahtSeconds;
    if (erlangs >= MAX_AGENTS - 10) {
      throw new ValidationException(
          "contactsPerHour", "the load needs more than " + MAX_AGENTS + " agents");
    }
    double t = threshold.toMillis() / 1000.0;
    int first = Math.max(1, (int) Math.floor(erlangs) + 1);
    int needed = first;
    while (needed < MAX_AGENTS
        && ErlangC.serviceLevel(needed, erlangs, t, ahtSeconds) < target / 100.0) {
      needed++;
    }
    Simulator sim = "no".equals(request.text("simulate", "yes")) ? null : simulator;
    List<List<Object>> rows = new ArrayList<>();
    for (int n = Math.max(first, needed - 3); n <= needed + 2; n++) {
      SimulationReport.QueueFigures simulated =
          sim != null && (n == needed || n == needed - 1)
              ? simulate(sim, n, perHour, aht, threshold)
              : null;
      rows.add(
          Arrays.asList(
              (long) n,
              erlangs / n,
              ErlangC.probabilityOfWait(n, erlangs),
              ErlangC.serviceLevel(n, erlangs, t, ahtSeconds),
              ErlangC.averageSpeedOfAnswer(n, erlangs, ahtSeconds),
              n == needed ? "recommended" : n > needed ? "yes" : "no",
              simulated == null ? null : simulated.serviceLevel(),
              simulated == null ? null : simulated.averageSpeedOfAnswerSeconds()));
    }
    Map<String, String> formulas = new LinkedHashMap<>();
    formulas.put(
        "load",
        String.format(
            java.util.Locale.ROOT,
            "A = %d contacts/h × %.0f s / 3600 = %.2f erlangs",
            perHour,
            ahtSeconds,
            erlangs));
    formulas.put(
        "probabilityOfWait",
        "Erlang C: C(N, A) = N·B / (N − A·(1 − B)), B the Erlang B of N agents");
    formulas.put(
        "serviceLevel", "1 − C(N, A)·e^(−(N − A)·T / AHT), T = " + threshold.toSeconds() + " s");
    formulas.put("averageSpeedOfAnswer", "C(N, A)·AHT / (N − A), over all contacts");
    formulas.put("occupancy", "A / N");
    formulas.put(
        "assumptions",
        "Poisson arrivals, exponential handle times, nobody abandons, one contact per agent at a time");
    formulas.put(
        "simulated",
        sim == null
            ? "not run (the ACD simulator is not installed, or simulate=no)"
            : "the recommended staffing and one agent fewer through the ACD's routing engine in virtual"
                + " time: 8 simulated hours after 30 minutes of warm-up, exponential handle times, no"
                + " abandons, seed 1");
    return new ReportResult(
        "Staffing for "
            + perHour
            + " contacts/h, AHT "
            + ahtSeconds
            + " s, "
            + target
            + " % in "
            + threshold.toSeconds()
            + " s: "
            + needed
            + " agents",
        COLUMNS,
        rows,
        formulas);
  }

  private static SimulationReport.QueueFigures simulate(
      Simulator sim, int agents, long perHour, Duration aht, Duration threshold) {
    SimulationScenario scenario =
        new SimulationScenario(
            1,
            Duration.ofMinutes(510),
            Duration.ofMinutes(30),
            List.of(
                new SimulationScenario.QueueLoad(
                    "staffing",
                    "voice",
                    perHour,
                    new SimulationScenario.Distribution(
                        SimulationScenario.Distribution.Kind.EXPONENTIAL, aht, null),
                    null,
                    50,
                    threshold,
                    List.of(),
                    null)),
            List.of(new SimulationScenario.AgentGroup(agents, Map.of(), Map.of("voice", 1))));
    return sim.run(scenario).total();
  }
}
