package org.switchboard.acd.strategies;

import org.osgi.service.component.annotations.Component;
import org.switchboard.acd.api.Candidate;
import org.switchboard.acd.api.RoutingRequest;
import org.switchboard.acd.api.RoutingStrategy;

/**
 * The agent using the smallest share of their capacity gets the interaction: for multi-session
 * channels (chat, email) it spreads sessions before stacking them on one agent. Equal load goes to
 * the agent idle longest.
 */
@Component(service = RoutingStrategy.class)
public class LeastOccupied implements RoutingStrategy {
  @Override
  public String id() {
    return "least-occupied";
  }

  @Override
  public double score(RoutingRequest request, Candidate candidate) {
    return 1.0 - candidate.load();
  }
}
