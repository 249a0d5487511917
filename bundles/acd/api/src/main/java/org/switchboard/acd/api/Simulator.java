package org.switchboard.acd.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs the production routing engine in virtual time: Poisson arrivals, random handle times and
 * patience, agents with skills and capacity. Answers "what happens with 40 agents and 600 calls per
 * hour" in seconds of CPU and never sleeps. Uses the strategies registered in the container.
 */
@ProviderType
public interface Simulator {
  /**
   * Simulates a scenario.
   *
   * @throws org.switchboard.core.api.ValidationException if a queue names a strategy that is not
   *     registered
   */
  SimulationReport run(SimulationScenario scenario);
}
