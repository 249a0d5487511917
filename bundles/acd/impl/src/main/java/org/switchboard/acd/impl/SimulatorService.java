package org.switchboard.acd.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.switchboard.acd.api.SimulationReport;
import org.switchboard.acd.api.SimulationScenario;
import org.switchboard.acd.api.Simulator;
import org.switchboard.acd.impl.sim.VirtualTimeSimulation;

/** The simulator with the strategies installed in the container. */
@Component(service = Simulator.class)
public class SimulatorService implements Simulator {
  private final StrategyRegistry strategies;

  @Activate
  public SimulatorService(@Reference StrategyRegistry strategies) {
    this.strategies = strategies;
  }

  @Override
  public SimulationReport run(SimulationScenario scenario) {
    return VirtualTimeSimulation.run(scenario, strategies::find);
  }
}
